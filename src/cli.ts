#!/usr/bin/env node
import { ACTION_INPUTS } from './cli/action-yml.js'
import { runCli } from './cli/run.js'

process.exitCode = await runCli(process.argv.slice(2), ACTION_INPUTS)
