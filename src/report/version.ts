// Replaced with package.json's version by the bundler (scripts/build.mjs); tests run from source see 'dev'.
declare const __DEPLOY_GATES_VERSION__: string | undefined

export const TOOL_NAME = 'deploy-gates'
export const TOOL_VERSION: string =
  typeof __DEPLOY_GATES_VERSION__ === 'string' ? __DEPLOY_GATES_VERSION__ : 'dev'
export const TOOL_URL = 'https://github.com/deploy-gates/deploy-gates'
