/** Escaping for Markdown and HTML output: one escaper for everything a gate or a user controls. */
/** HTML-escapes text and neutralises `|`, which would split a table cell even inside <code>. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\|/g, '&#124;')
}

/**
 * Plain text made safe for markdown: HTML and markdown punctuation escaped, newlines become <br>, and
 * `@name` cannot mention anyone (a zero-width space after the @).
 */
export function escapeMarkdown(text: string): string {
  return escapeHtml(text)
    .replace(/[\\`*_[\]~]/g, '\\$&')
    .replace(/@(?=[\w-])/g, '@&#8203;')
    .replace(/\r?\n/g, '<br>')
}

/** Inline code that survives any content (backticks, pipes, HTML). */
export function inlineCode(text: string): string {
  return `<code>${escapeHtml(text).replace(/\r?\n/g, ' ')}</code>`
}
