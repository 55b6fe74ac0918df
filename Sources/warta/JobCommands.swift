import ArgumentParser
import Foundation
import WartaApp

struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run background jobs only (no web); any number may run beside `warta serve`")
    @Option(help: ArgumentHelp("Seconds a claimed job stays leased (crash tests)", visibility: .hidden))
    var leaseSeconds: Int?

    func run() async throws {
        let services = loadServices()
        await migrateOrExit(services)
        try await WartaWorker.run(services, leaseSeconds: leaseSeconds)
    }
}

struct Jobs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the job queue: jobs per state and the last errors", subcommands: [Ping.self])

    func run() async throws {
        let services = loadServices()
        await migrateOrExit(services)
        do {
            for line in try await Commands.jobReport(services: services) { print(line) }
        } catch {
            await services.database.shutdown()
            exitWith(1, "\(error)")
        }
        await services.database.shutdown()
    }

    struct Ping: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue jobs that only wait a moment, to check that workers run")
        @Option(help: "How many jobs") var count = 1
        @Option(help: "How long each takes, in milliseconds") var millis = 0

        func run() async throws {
            let services = loadServices()
            await migrateOrExit(services)
            do {
                print(try await Commands.enqueuePings(count: count, millis: millis, services: services))
            } catch {
                await services.database.shutdown()
                exitWith(1, "\(error)")
            }
            await services.database.shutdown()
        }
    }
}
