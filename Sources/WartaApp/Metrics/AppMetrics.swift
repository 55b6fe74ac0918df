import Hummingbird
import Prometheus

/// Warta's own Prometheus collectors, kept in a registry the app owns (no global bootstrap), served at `/metrics`.
struct AppMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    let cacheHits: Prometheus.Counter
    let cacheMisses: Prometheus.Counter
    let routedRequests: Prometheus.Counter
    let serverErrors: Prometheus.Counter
    let latency: DurationHistogram
    let jobs: JobMetrics
    let mail: MailMetrics
    let passwordChecks: Prometheus.Counter

    init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        cacheHits = registry.makeCounter(
            descriptor: .init(
                namespace: "warta", metricName: "page_cache_hits", unitName: "total",
                helpText: "Pages answered from the page cache"))
        cacheMisses = registry.makeCounter(
            descriptor: .init(
                namespace: "warta", metricName: "page_cache_misses", unitName: "total",
                helpText: "Cacheable requests that went on to the router"))
        routedRequests = registry.makeCounter(
            descriptor: .init(
                namespace: "warta", metricName: "http_requests", unitName: "total",
                helpText: "Requests handled by the router"))
        serverErrors = registry.makeCounter(
            descriptor: .init(
                namespace: "warta", metricName: "http_server_errors", unitName: "total",
                helpText: "Responses with status 5xx"))
        jobs = JobMetrics(registry: registry)
        mail = MailMetrics(registry: registry)
        passwordChecks = registry.makeCounter(
            descriptor: .init(
                namespace: "warta", metricName: "password_checks", unitName: "total",
                helpText: "bcrypt password checks run for sign-ins"))
        latency = registry.makeDurationHistogram(
            descriptor: .init(
                namespace: "warta", metricName: "http_request_duration", unitName: "seconds",
                helpText: "Time to answer a routed request"),
            buckets: [
                .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                .milliseconds(100), .milliseconds(250), .seconds(1), .seconds(5),
            ])
    }

    func exposition() -> String {
        var bytes: [UInt8] = []
        registry.emit(into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Counts and times routed requests (cache hits are counted by the cache responder).
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = WartaContext
    let metrics: AppMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        metrics.routedRequests.increment()
        defer { metrics.latency.record(ContinuousClock.now - start) }
        let response = try await next(request, context)
        if response.status.code >= 500 { metrics.serverErrors.increment() }
        return response
    }
}
