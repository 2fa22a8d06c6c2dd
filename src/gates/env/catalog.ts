/**
 * The env gate's rules. Syntax rules are what dotenv silently tolerates (it reads the file differently from
 * what its author meant); reference rules are dotenv-expand's blind spots; value, presence and parity rules
 * come from the schema and from comparing environments; `committed-secret` is a leak.
 */
import { defineCatalog } from '../../rules/catalog.js'

export const catalog = defineCatalog('env', {
  'malformed-line': {
    severity: 'error',
    category: 'syntax',
    title: 'Line dotenv ignores',
    help: 'Write KEY=value, or start the line with # to make it a comment.'
  },
  'invalid-key-name': {
    severity: 'error',
    category: 'syntax',
    title: 'Variable name dotenv does not accept',
    help: 'Variable names may contain letters, digits and underscores.'
  },
  'non-portable-key-name': {
    severity: 'warning',
    category: 'syntax',
    title: 'Variable name shells and platforms cannot set',
    help: 'Use letters, digits and underscores only, not starting with a digit.'
  },
  'unterminated-quote': {
    severity: 'error',
    category: 'syntax',
    title: 'Quote never closed',
    help: 'Close the quote at the end of the value.'
  },
  'text-after-quote': {
    severity: 'error',
    category: 'syntax',
    title: 'Text after the closing quote',
    help: "Put the whole value inside the quotes, or start a comment with ' #'."
  },
  'unquoted-hash': {
    severity: 'warning',
    category: 'syntax',
    title: "Value cut at '#'",
    help: "Quote the value if the '#' belongs to it, or put a space before the comment."
  },
  'swallowed-assignment': {
    severity: 'warning',
    category: 'syntax',
    title: 'Assignment swallowed by a multi-line value',
    help: 'Check the quotes of the multi-line value: a quote left open swallows the lines after it.'
  },
  'value-on-next-line': {
    severity: 'warning',
    category: 'syntax',
    title: 'Quoted value starts on the next line',
    help: 'Write the key and its value on one line.'
  },
  'duplicate-key': {
    severity: 'error',
    category: 'syntax',
    title: 'Key set twice',
    help: 'Keep one assignment per key.'
  },
  'unresolved-reference': {
    severity: 'error',
    category: 'references',
    title: 'Reference that expands to nothing',
    help: 'Set the variable referred to, give a fallback with ${VAR:-default}, or write \\$ for a literal dollar sign.'
  },
  'unclosed-reference': {
    severity: 'warning',
    category: 'references',
    title: "'${' without a closing '}'",
    help: "Close the reference (${VAR}), or write \\$ for a literal dollar sign: dotenv-expand leaves '${' as written."
  },
  'reference-cycle': {
    severity: 'error',
    category: 'references',
    title: 'Variables that refer to each other',
    help: 'Break the cycle: one of the variables must hold a value, not a reference.'
  },
  'expansion-too-large': {
    severity: 'error',
    category: 'references',
    title: 'Expansion past the size limit',
    help: 'References that repeat other references grow exponentially; write the value out instead.'
  },
  'empty-value': {
    severity: 'error',
    category: 'values',
    title: 'Empty value',
    help: 'Give the variable a value, or mark it `allow-empty: true` in the schema if empty is meaningful.'
  },
  'invalid-type': {
    severity: 'error',
    category: 'values',
    title: 'Value of the wrong type',
    help: "Fix the value, or the variable's `type` in the schema."
  },
  'invalid-enum': {
    severity: 'error',
    category: 'values',
    title: 'Value not among the accepted ones',
    help: "Use one of the schema's `values`."
  },
  'out-of-range': {
    severity: 'error',
    category: 'values',
    title: 'Number out of range',
    help: "Fix the value, or the variable's `min`/`max` in the schema."
  },
  'pattern-mismatch': {
    severity: 'error',
    category: 'values',
    title: 'Value does not match its pattern',
    help: "Fix the value, or the variable's `pattern` in the schema."
  },
  'placeholder-value': {
    severity: 'warning',
    category: 'values',
    title: 'Placeholder left in place',
    help: 'Set the real value (an error in production environments).'
  },
  'localhost-url': {
    severity: 'error',
    category: 'values',
    title: 'Local-machine address in production',
    help: 'Use the production host name of the service.'
  },
  'private-network-url': {
    severity: 'warning',
    category: 'values',
    title: 'Private-network address in production',
    help: 'Make sure production can reach the address; prefer a DNS name each environment resolves.'
  },
  'missing-key': {
    severity: 'error',
    category: 'presence',
    title: 'Required variable not set',
    help: 'Set the variable in the env file, or in the job environment from a secret.'
  },
  'missing-in-environment': {
    severity: 'error',
    category: 'presence',
    title: 'Set in one environment, missing in another',
    help: 'Add the variable to the environment that lacks it, or declare it in the schema with `required` per environment.'
  },
  'undeclared-key': {
    severity: 'notice',
    category: 'presence',
    title: 'Variable the schema does not declare',
    help: 'Declare it in the schema, or remove it (often a typo of a declared name).'
  },
  'parity-drift': {
    severity: 'error',
    category: 'parity',
    title: 'Value that must be equal across environments differs',
    help: "Use one value everywhere, or drop `parity` from the variable's rule."
  },
  'committed-secret': {
    severity: 'error',
    category: 'secrets',
    title: 'Secret in a file tracked by git',
    help: 'Rotate it (it is in the git history), delete it from the file, and inject it from a secret store.'
  }
})

export type EnvRule = (typeof catalog.rules)[number]['id']
