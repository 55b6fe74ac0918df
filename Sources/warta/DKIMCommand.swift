import ArgumentParser
import Foundation
import WartaApp

struct DKIMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dkim", abstract: "Manage the DKIM key that signs the site's mail", subcommands: [Generate.self])

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store a new signing key and print the DNS record to publish")
        @Option(help: "DNS selector, e.g. warta2026") var selector: String
        @Option(help: "rsa (2048-bit) or ed25519") var algorithm = "rsa"

        func run() async throws {
            let services = loadServices()
            await migrateOrExit(services)
            do {
                print(try await Commands.generateDKIMKey(selector: selector, algorithm: algorithm, services: services))
            } catch {
                await services.database.shutdown()
                exitWith(1, "\(error)")
            }
            await services.database.shutdown()
        }
    }
}
