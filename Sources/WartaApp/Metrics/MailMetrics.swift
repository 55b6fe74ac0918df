import Prometheus
import WartaMail

/// Mail tries by outcome, counted by each sender process: `warta_mail_messages_total{outcome="sent"}` etc.
struct MailMetrics: Sendable {
    let sent: Prometheus.Counter
    let deferred: Prometheus.Counter
    let failed: Prometheus.Counter
    let suppressed: Prometheus.Counter

    init(registry: PrometheusCollectorRegistry) {
        func counter(_ outcome: String) -> Prometheus.Counter {
            registry.makeCounter(
                descriptor: .init(
                    namespace: "warta", metricName: "mail_messages", unitName: "total",
                    helpText: "Mail tries by outcome in this process"),
                labels: [("outcome", outcome)])
        }
        sent = counter("sent")
        deferred = counter("deferred")
        failed = counter("failed")
        suppressed = counter("suppressed")
    }

    func record(_ results: [OutboxResult], suppressed skipped: Int) {
        var counts = (sent: 0, deferred: 0, failed: 0)
        for result in results {
            switch result.outcome {
            case .sent: counts.sent += 1
            case .deferred: counts.deferred += 1
            case .failed: counts.failed += 1
            }
        }
        sent.increment(by: Int64(counts.sent))
        deferred.increment(by: Int64(counts.deferred))
        failed.increment(by: Int64(counts.failed))
        suppressed.increment(by: Int64(skipped))
    }
}
