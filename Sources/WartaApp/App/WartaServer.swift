import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// `warta serve`: the web app plus background jobs, stopped gracefully on SIGTERM or SIGINT.
public enum WartaServer {
    public static func run(_ services: AppServices) async throws {
        let accounts = StaffAccounts(database: services.database, world: services.world)
        do {
            try await services.loadSettings()
            if try await !accounts.hasAdmin() {
                let token = try await accounts.issueSetupToken()
                announce("No admin yet. Create the owner at: \(services.config.siteURL)/admin/setup?token=\(token)")
            }
        } catch {
            await services.database.shutdown()
            throw error
        }
        // Announced once listening: by then the signal handlers are in place (scripts wait for this line).
        let siteURL = services.config.siteURL
        var background: [any Service] = [SettingsWatcher(services: services)]
        if services.config.runsWorker { background.append(JobWorker(services: services)) }
        if case .postgres(let url) = services.config.database {
            background.append(
                CacheEventListener(
                    cache: services.cache, databaseURL: url, eventLoopGroup: services.eventLoopGroup,
                    logger: services.logger))
        }
        let app = buildApplication(services, extraServices: background) { _ in
            announce("Warta is serving at \(siteURL)")
        }
        let group = ServiceGroup(
            configuration: .init(
                services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: services.logger))
        do {
            try await group.run()
        } catch {
            await services.database.shutdown()
            throw error
        }
        // The pool closes after the server has finished its in-flight requests.
        await services.database.shutdown()
    }
}

/// `warta worker`: background jobs only, stopped gracefully on SIGTERM or SIGINT.
public enum WartaWorker {
    /// `leaseSeconds` shortens the lease for crash tests, so a killed worker's jobs come back sooner.
    public static func run(_ services: AppServices, leaseSeconds: Int?) async throws {
        var options = JobWorker.Options()
        if let leaseSeconds { options.lease = TimeInterval(max(leaseSeconds, 2)) }
        let worker = JobWorker(services: services, options: options)
        do {
            try await services.loadSettings()
        } catch {
            await services.database.shutdown()
            throw error
        }
        let group = ServiceGroup(
            configuration: .init(
                services: [worker, SettingsWatcher(services: services)], gracefulShutdownSignals: [.sigterm, .sigint],
                logger: services.logger))
        announce("Warta worker \(worker.name) is running")
        do {
            try await group.run()
        } catch {
            await services.database.shutdown()
            throw error
        }
        await services.database.shutdown()
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
