// Prints the suite's outcome as one plain line, `tests: N passed, N failed, N skipped`, as the very last line
// of output (at exit, after jest's own summary), so a CI that reads closing lines can tell what ran.
export default class ClosingLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests
    const line = `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`
    process.once('exit', () => process.stderr.write(line))
  }
}
