
import{a,b}from"./chunk-QYGF2P3Z.js";import{a as c,b as d}from"./chunk-DL64FGBX.js";import"./chunk-2WAAC32B.js";import"./chunk-QI3JHIBX.js";export{c as MAX_PATTERN_LENGTH,d as UnsafePatternError,b as ajvRegExpEngine,a as compileSafeRegExp};
