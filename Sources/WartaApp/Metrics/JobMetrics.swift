import Prometheus

/// The queue as Prometheus sees it: jobs per state (sampled by each worker every few seconds), finished jobs, and
/// the time from claim to done.
struct JobMetrics: Sendable {
    let queued: Prometheus.Gauge
    let running: Prometheus.Gauge
    let failed: Prometheus.Gauge
    let dead: Prometheus.Gauge
    let succeeded: Prometheus.Counter
    let failures: Prometheus.Counter
    let duration: DurationHistogram

    init(registry: PrometheusCollectorRegistry) {
        func gauge(_ state: String) -> Prometheus.Gauge {
            registry.makeGauge(
                descriptor: .init(
                    namespace: "warta", metricName: "jobs_\(state)", unitName: "",
                    helpText: "Jobs in the \(state) state"))
        }
        queued = gauge("queued")
        running = gauge("running")
        failed = gauge("failed")
        dead = gauge("dead")
        succeeded = registry.makeCounter(
            descriptor: .init(
                namespace: "warta", metricName: "jobs_succeeded", unitName: "total",
                helpText: "Jobs this process ran to the end"))
        failures = registry.makeCounter(
            descriptor: .init(
                namespace: "warta", metricName: "jobs_failures", unitName: "total",
                helpText: "Job tries that failed in this process"))
        duration = registry.makeDurationHistogram(
            descriptor: .init(
                namespace: "warta", metricName: "job_claim_to_done", unitName: "seconds",
                helpText: "Time from a job's claim to its outcome"),
            buckets: [
                .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(500), .seconds(1),
                .seconds(5), .seconds(30), .seconds(120),
            ])
    }

    func record(_ counts: [JobState: Int]) {
        queued.set(Double(counts[.queued] ?? 0))
        running.set(Double(counts[.running] ?? 0))
        failed.set(Double(counts[.failed] ?? 0))
        dead.set(Double(counts[.dead] ?? 0))
    }

    func finished(after duration: Duration, succeeded isSuccess: Bool) {
        self.duration.record(duration)
        if isSuccess { succeeded.increment() } else { failures.increment() }
    }
}
