
import{a as d,b as e,c as f,d as g,e as h,f as i}from"./chunk-7KGSFBYG.js";import{a,b,c}from"./chunk-SZI2OTVE.js";import"./chunk-ZMJ7X5PX.js";import"./chunk-QI3JHIBX.js";export{d as DEFAULT_API_TIMEOUT_MS,e as DEFAULT_RETRIES,f as MAX_RATE_LIMIT_WAIT_S,a as NOT_JSON,g as createGitHubClient,b as describeGitHubError,c as describeNonPermissionDenial,i as nextLink,h as withOrchestrationId};
