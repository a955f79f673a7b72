/**
 * Settings of the workflow sandbox. The SDK evaluates this module once per worker thread, as a preloaded
 * module (`preloadedWorkflowModules`), before it deep-freezes the sandbox's globals: no workflow can change
 * them afterwards, and none depends on them (a stack trace is never an input of a decision).
 *
 * Stack frames kept per stack trace. To answer Temporal UI's stack-trace query, the SDK's promise hook
 * captures a stack trace, mapped through the bundle's source map frame by frame, for every promise
 * created in workflow code: at V8's default of 10 frames that was about a fifth of the worker's CPU per
 * officer action. With 5, a waiting promise still shows the two or three frames of our code that created
 * it, and a workflow error the function that threw and its callers (docs/benchmarks.md, "Stack frames
 * in the workflow sandbox"; `test/dossier-lifecycle.test.ts` checks the query still names where a
 * dossier waits).
 */
Error.stackTraceLimit = 5;

export {};
