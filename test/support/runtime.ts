import { DefaultLogger, Runtime, makeTelemetryFilterString } from '@temporalio/worker';

// One Runtime per test process (vitest forks): keep the SDK's logs to warnings and errors.
Runtime.install({
  logger: new DefaultLogger((process.env.TEST_LOG?.toUpperCase() as 'WARN' | undefined) ?? 'WARN'),
  telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
});
