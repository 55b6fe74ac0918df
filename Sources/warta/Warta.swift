import ArgumentParser
import Foundation
import WartaApp

/// `warta`: parses the command line and calls WartaApp (CONTRACTS.md, "Command line").
struct Warta: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warta", abstract: "Warta news publishing platform",
        subcommands: [
            Serve.self, Worker.self, Migrate.self, UserCommand.self, Demo.self, Import.self, Sanitize.self, Jobs.self,
            DKIMCommand.self, MailCommand.self, NewsletterCommand.self,
        ])
}

/// Reads the configuration and opens the database; bad configuration exits 2 with one line.
func loadServices() -> AppServices {
    do {
        return try AppServices(config: try AppConfig.fromEnvironment())
    } catch {
        exitWith(2, "\(error)")
    }
}

/// Migrates, or exits 2 with one line when the database cannot be opened or written.
func migrateOrExit(_ services: AppServices) async {
    do {
        try await services.database.migrate()
    } catch {
        await services.database.shutdown()
        exitWith(2, "database: \(StartupDiagnosis.describe(error, services.config.database))")
    }
}

func exitWith(_ code: Int32, _ message: String) -> Never {
    FileHandle.standardError.write(Data("warta: \(message)\n".utf8))
    exit(code)
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Migrate, then serve the site and run background jobs")

    func run() async throws {
        let services = loadServices()
        await migrateOrExit(services)
        try await WartaServer.run(services)
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply or revert database migrations")
    @Flag(help: "Revert the last batch") var revert = false
    @Flag(help: "With --revert: revert every batch") var all = false
    @Flag(help: "With --revert: also when it drops tables that hold rows") var yes = false

    func run() async throws {
        if !revert, all || yes { exitWith(1, "--all and --yes go with --revert") }
        let services = loadServices()
        do {
            if revert {
                let (lines, isError) = try await services.database.revert(all: all, droppingRows: yes).lines
                await services.database.shutdown()
                if isError { exitWith(1, lines.joined(separator: "\nwarta: ")) }
                for line in lines { print(line) }
                return
            }
            for name in try await services.database.migrate() { print("applied \(name)") }
            print("database is up to date")
        } catch {
            await services.database.shutdown()
            exitWith(2, "database: \(StartupDiagnosis.describe(error, services.config.database))")
        }
        await services.database.shutdown()
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage newsroom users", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a newsroom user")
        @Option var email: String
        @Option var name: String
        @Option(help: "admin, editor or author") var role: String
        @Flag(help: "Read the password from standard input") var passwordStdin = false

        func run() async throws {
            let services = loadServices()
            await migrateOrExit(services)
            var password: String?
            if passwordStdin {
                password = readLine(strippingNewline: true) ?? ""
            }
            do {
                let generated = try await Commands.createUser(
                    email: email, name: name, role: role, password: password, services: services)
                print("created \(role) \(email)")
                if let generated { print("password: \(generated)") }
            } catch {
                await services.database.shutdown()
                exitWith(1, "\(error)")
            }
            await services.database.shutdown()
        }
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load the demo content (running it again changes nothing)")
    @Flag(help: "Only on a site that never had the demo (used by make run)") var firstStart = false

    func run() async throws {
        let services = loadServices()
        await migrateOrExit(services)
        do {
            let lines = try await DemoContent.load(services, firstStartOnly: firstStart)
            print(lines.isEmpty ? "demo content already loaded" : "loaded \(lines.count) demo articles")
        } catch {
            await services.database.shutdown()
            exitWith(1, "\(error)")
        }
        await services.database.shutdown()
    }
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import Markdown files with front matter")
    @Argument(help: "Markdown files") var files: [String]

    func run() async throws {
        let services = loadServices()
        await migrateOrExit(services)
        do {
            for line in try await Commands.importFiles(files, services: services) { print(line) }
        } catch {
            await services.database.shutdown()
            exitWith(1, "\(error)")
        }
        await services.database.shutdown()
    }
}

struct Sanitize: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Untrusted HTML on stdin, safe HTML on stdout")
    @Option(help: "comment or article") var policy: String

    func run() async throws {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        guard let html = String(data: input, encoding: .utf8) else { exitWith(1, "standard input is not UTF-8") }
        do {
            print(try Commands.sanitize(html, policy: policy), terminator: "")
        } catch {
            exitWith(1, "\(error)")
        }
    }
}
