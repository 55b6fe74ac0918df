import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// `warta serve`: the web app plus background jobs, stopped gracefully on SIGTERM or SIGINT.
public enum WartaServer {
    public static func run(_ services: AppServices) async throws {
        let accounts = StaffAccounts(database: services.database, world: services.world)
        try await closingOnError(services) {
            try await services.loadSettings()
            if try await !accounts.hasAdmin() {
                let token = try await accounts.issueSetupToken()
                announce("No admin yet. Create the owner at: \(services.config.siteURL)/admin/setup?token=\(token)")
            }
        }
        // Announced once listening: by then the signal handlers are in place (scripts wait for this line).
        let siteURL = services.config.siteURL
        var background: [any Service] = [SettingsWatcher(services: services)]
        if services.config.runsWorker {
            background += [JobWorker(services: services), OutboxSender(services: services)]
        }
        if case .postgres(let url) = services.config.database {
            background.append(
                CacheEventListener(
                    cache: services.cache, databaseURL: url, eventLoopGroup: services.eventLoopGroup,
                    logger: services.logger))
        } else {
            background.append(
                CacheEventFollower(cache: services.cache, database: services.database, logger: services.logger))
        }
        let app = buildApplication(services, extraServices: background) { _ in
            announce("Warta is serving at \(siteURL)")
        }
        try await runUntilSignalled([app], services)
    }
}

/// `warta worker`: background jobs only, stopped gracefully on SIGTERM or SIGINT.
public enum WartaWorker {
    /// `leaseSeconds` shortens the job and mail leases for crash tests, so a killed worker's work comes back sooner.
    public static func run(_ services: AppServices, leaseSeconds: Int?) async throws {
        var options = JobWorker.Options()
        if let leaseSeconds { options.lease = TimeInterval(max(leaseSeconds, 2)) }
        let worker = JobWorker(services: services, options: options)
        try await closingOnError(services) { try await services.loadSettings() }
        announce("Warta worker \(worker.name) is running")
        var mail = OutboxSender.Options()
        if let leaseSeconds { mail.lease = TimeInterval(max(leaseSeconds, 2)) }
        let sender = OutboxSender(services: services, options: mail)
        try await runUntilSignalled([worker, sender, SettingsWatcher(services: services)], services)
    }
}

/// Runs `services` until SIGTERM or SIGINT has stopped them gracefully; the pool closes after them, so in-flight
/// requests and jobs can still finish their writes.
private func runUntilSignalled(_ running: [any Service], _ services: AppServices) async throws {
    let group = ServiceGroup(
        configuration: .init(services: running, gracefulShutdownSignals: [.sigterm, .sigint], logger: services.logger))
    try await closingOnError(services) { try await group.run() }
    await services.database.shutdown()
}

/// Closes the database pool when `work` fails, then rethrows: the process is about to exit with a message.
private func closingOnError(_ services: AppServices, _ work: () async throws -> Void) async throws {
    do {
        try await work()
    } catch {
        await services.database.shutdown()
        throw error
    }
}

/// Unbuffered, so the line shows at once even when stdout is a file or a pipe.
private func announce(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Why the database could not be opened, in one line an operator can act on.
public enum StartupDiagnosis {
    public static func describe(_ error: any Error, _ choice: DatabaseChoice) -> String {
        // PSQLError's description is deliberately generic; its reflection names the cause (no password in it).
        let text = String(describing: error).contains("Generic description") ? String(reflecting: error) : "\(error)"
        let detail = String((text.split(separator: "\n").first.map(String.init) ?? text).prefix(240))
        switch choice {
        case .sqlite(let path):
            if FileManager.default.fileExists(atPath: path), !FileManager.default.isWritableFile(atPath: path) {
                return "the SQLite file \(path) is read-only"
            }
            return "cannot open the SQLite file \(path) (\(detail))"
        case .postgres(let url):
            let host = URL(string: url).map { "\($0.host ?? "?"):\($0.port ?? 5432)" } ?? "?"
            return "cannot reach PostgreSQL at \(host) (\(detail))"
        }
    }
}
