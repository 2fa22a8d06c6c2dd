// action.yml is embedded as text by the bundler (scripts/build.mjs: loader '.yml': 'text').
declare module '*.yml' {
  const text: string
  export default text
}
