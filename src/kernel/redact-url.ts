/**
 * URLs made safe to print. Credentials travel in three places of a URL: the password (`user:PASS@`), a
 * token as the user name (`https://TOKEN@host`, as GitHub and GitLab accept), and query or fragment
 * parameters (`?access_token=…`, `&sig=…` of a signed URL). Each is replaced with `***`.
 * Works on any text (a URL may be embedded in a message), and on URLs that do not parse.
 */

/** Parameter names whose value is a credential: exact names, and names ending in one of the suffixes. */
const SECRET_PARAMETER =
  /^(?:[\w.-]*(?:token|secret|password|passwd|signature|credential|credentials|apikey|api_key|api-key)|key|sig|pwd|pass|auth|authorization|code|session|sessionid|sid|x-amz-[\w-]+|x-goog-[\w-]+)$/i

/** A user name that is a name (`git`, `postgres`, `deploy-bot`) rather than a token. */
const PLAIN_USER = /^[A-Za-z][A-Za-z0-9._-]{0,23}$/
const TOKEN_PREFIX = /^(?:gh[pousr]_|github_pat_|glpat-|xox[abprs]-|sk[-_]|pk[-_]|AKIA|ya29\.)/

export function redactUrl(value: string): string {
  return redactQuery(redactUserInfo(value))
}

function redactUserInfo(value: string): string {
  // In a URL that parses, the user-info cannot hold a `/`, so it ends at the first `@` before the path (an
  // `@` later in the path, as in an image digest, is kept). A URL that does not parse is exactly the one
  // echoed in an error, and an unencoded `/` or `:` in its password may be why: there it runs to the next `@`.
  const password = URL.canParse(value) ? /(\/\/[^/:@\s]*:)[^@/\s]*@/g : /(\/\/[^/:@\s]*:)[^@\s]*@/g
  const withoutPassword = value.replace(password, '$1***@')
  return withoutPassword.replace(/(\/\/)([^/:@\s?#]+)@/g, (whole, slashes: string, user: string) =>
    isPlainUser(user) ? whole : `${slashes}***@`
  )
}

function isPlainUser(user: string): boolean {
  let decoded: string
  try {
    decoded = decodeURIComponent(user)
  } catch {
    return false
  }
  return PLAIN_USER.test(decoded) && !TOKEN_PREFIX.test(decoded) && decoded !== '***'
}

function redactQuery(value: string): string {
  return value.replace(/([?&#;])([^=&#\s?;]+)=([^&#\s;]*)/g, (whole, separator: string, name: string) => {
    let decoded = name
    try {
      decoded = decodeURIComponent(name)
    } catch {
      // keep the raw name
    }
    return SECRET_PARAMETER.test(decoded) ? `${separator}${name}=***` : whole
  })
}

/**
 * The credentials redactUrl would hide in `text`: passwords, token user names and secret parameter values
 * (decoded as a client would send them), for registering as secrets before anything is printed.
 */
export function secretsInUrl(text: string): string[] {
  const found: string[] = []
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part)
    } catch {
      return part
    }
  }
  for (const match of text.matchAll(/\/\/([^/@\s?#]+)@/g)) {
    const [user, ...password] = match[1]!.split(':')
    if (password.length > 0 && password.join(':') !== '') found.push(decode(password.join(':')))
    else if (user && !isPlainUser(user)) found.push(decode(user))
  }
  for (const match of text.matchAll(/[?&#;]([^=&#\s?;]+)=([^&#\s;]+)/g)) {
    if (SECRET_PARAMETER.test(decode(match[1]!))) found.push(decode(match[2]!))
  }
  return found.filter(secret => secret !== '' && secret !== '***')
}
