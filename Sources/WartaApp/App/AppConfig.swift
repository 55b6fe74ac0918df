import Foundation
import Logging
import WartaMail

/// Where the data lives: the embedded SQLite file or a PostgreSQL server.
public enum DatabaseChoice: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(url: String)
}

/// A configuration value that cannot be used; `description` is the one line printed before exit 2.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public let variable: String
    public let problem: String
    public var description: String { "\(variable): \(problem)" }
}

/// Everything Warta reads from its environment (CONTRACTS.md, "Environment"), typed and checked once.
public struct AppConfig: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var siteURL = "http://127.0.0.1:8080"
    public var database: DatabaseChoice = .sqlite(path: "./warta.sqlite")
    public var language: UILanguage = .id
    public var timeZone = TimeZone(identifier: "Asia/Jakarta") ?? .gmt
    public var siteName = "Warta"
    public var secret: String?
    public var logLevel: Logger.Level = .info
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    public var pageCacheBytes = 64 * 1024 * 1024
    /// URLs per article sitemap (sitemaps.org's limit); not read from the environment, tests lower it.
    public var sitemapURLsPerFile = Sitemap.urlsPerFile
    /// Largest request body accepted; forms above it get 413 (the issue: 1 MB).
    public var maxUploadBytes = 1024 * 1024
    /// `WARTA_WORKER=0`: `warta serve` runs no background jobs (`warta worker` runs them instead).
    public var runsWorker = true
    /// The variables that were set, for settings where a set variable wins over /admin.
    public var environmentSet: Set<String> = []
    /// `WARTA_TRUSTED_PROXIES`: whose forwarding headers name the client.
    var trustedProxies = TrustedProxies.none
    /// A connection with no request in progress, or whose request stalls (a slow client), is closed after this.
    /// 30 s is past any browser's keep-alive reuse and well under nginx's 60 s header and body timeouts.
    public var connectionIdleTimeout: Duration = .seconds(30)
    /// A request's body must have arrived this long after its head (a 1 MB form at 3G speeds takes ~20 s).
    public var requestReadTimeout: Duration = .seconds(60)
    /// `WARTA_SMTP_URL`: when set, it wins over the SMTP server saved in /admin/settings.
    public var smtpURL: String?
    /// `WARTA_SMTP_CA_FILE`: a PEM bundle trusted for the SMTP server besides the system roots.
    public var smtpCAFile: String?
    /// `WARTA_MAIL_FROM`: the sender of every mail, as written (`Name <address>` or an address).
    public var mailFrom: String?
    /// Page-cache hits answered by `PageHitHandler` in the HTTP/1 pipeline (issue 11); false leaves them to the
    /// router-side `PageCacheResponder` alone (tests comparing the two paths, benchmarks of the router path).
    public var answersHitsInChannel = true

    public init() {}

    public var usesSecureCookies: Bool { siteURL.lowercased().hasPrefix("https://") }

    /// Reads the `WARTA_*` variables and `DATABASE_URL`; an unusable value throws `ConfigError`.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws
        -> AppConfig
    {
        var config = AppConfig()
        func value(_ name: String) -> String? {
            guard let raw = env[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            config.environmentSet.insert(name)
            return raw
        }
        if let host = value("WARTA_HOST") { config.host = host }
        if let port = value("WARTA_PORT") {
            guard let number = Int(port), (1...65535).contains(number) else {
                throw ConfigError(variable: "WARTA_PORT", problem: "'\(port)' is not a port number (1-65535)")
            }
            config.port = number
        }
        config.siteURL = "http://\(config.host):\(config.port)"
        if let site = value("WARTA_SITE_URL") {
            guard let url = URL(string: site), let scheme = url.scheme?.lowercased(),
                ["http", "https"].contains(scheme),
                url.host != nil
            else {
                throw ConfigError(variable: "WARTA_SITE_URL", problem: "'\(site)' is not an http(s) URL")
            }
            config.siteURL = site.hasSuffix("/") ? String(site.dropLast()) : site
        }
        if let url = value("DATABASE_URL") {
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://"), URL(string: url)?.host != nil else {
                throw ConfigError(
                    variable: "DATABASE_URL", problem: "expected postgres://user:password@host:port/database")
            }
            config.database = .postgres(url: url)
        } else if let path = value("WARTA_SQLITE_PATH") {
            config.database = .sqlite(path: path)
        }
        if let code = value("WARTA_LANGUAGE") {
            guard let language = UILanguage(rawValue: code) else {
                throw ConfigError(variable: "WARTA_LANGUAGE", problem: "'\(code)' is not one of id, en, fr")
            }
            config.language = language
        }
        if let zone = value("WARTA_TIMEZONE") {
            guard let timeZone = TimeZone(identifier: zone) else {
                throw ConfigError(variable: "WARTA_TIMEZONE", problem: "'\(zone)' is not an IANA time zone name")
            }
            config.timeZone = timeZone
        }
        if let name = value("WARTA_SITE_NAME") { config.siteName = name }
        if let secret = value("WARTA_SECRET") {
            guard secret.utf8.count >= 32 else {
                throw ConfigError(variable: "WARTA_SECRET", problem: "must be at least 32 characters")
            }
            config.secret = secret
        }
        if let level = value("WARTA_LOG_LEVEL") {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw ConfigError(
                    variable: "WARTA_LOG_LEVEL",
                    problem: "'\(level)' is not one of trace, debug, info, notice, warning, error, critical")
            }
            config.logLevel = parsed
        }
        if let threads = value("WARTA_THREADS") {
            guard let count = Int(threads), (1...256).contains(count) else {
                throw ConfigError(variable: "WARTA_THREADS", problem: "'\(threads)' is not a thread count (1-256)")
            }
            config.threads = count
        }
        if let megabytes = value("WARTA_PAGE_CACHE_MB") {
            guard let count = Int(megabytes), (0...65536).contains(count) else {
                throw ConfigError(
                    variable: "WARTA_PAGE_CACHE_MB", problem: "'\(megabytes)' is not a size in MB (0-65536)")
            }
            config.pageCacheBytes = count * 1024 * 1024
        }
        if let worker = value("WARTA_WORKER") {
            guard worker == "0" || worker == "1" else {
                throw ConfigError(variable: "WARTA_WORKER", problem: "'\(worker)' is not 0 or 1")
            }
            config.runsWorker = worker == "1"
        }
        if let path = value("WARTA_HIT_PATH") {
            guard path == "channel" || path == "router" else {
                throw ConfigError(variable: "WARTA_HIT_PATH", problem: "'\(path)' is not channel or router")
            }
            config.answersHitsInChannel = path == "channel"
        }
        if let list = value("WARTA_TRUSTED_PROXIES") {
            do throws(TrustedProxies.InvalidEntry) {
                config.trustedProxies = try TrustedProxies(parsing: list)
            } catch {
                throw ConfigError(
                    variable: "WARTA_TRUSTED_PROXIES",
                    problem: "'\(error.text)' is not an address or CIDR (e.g. 10.0.0.0/8, 2001:db8::/32)")
            }
        }
        let mail = (value("WARTA_SMTP_CA_FILE"), value("WARTA_SMTP_URL"), value("WARTA_MAIL_FROM"))
        try readMail(caFile: mail.0, url: mail.1, from: mail.2, into: &config)
        return config
    }

    private static func readMail(caFile: String?, url: String?, from: String?, into config: inout AppConfig) throws {
        if let file = caFile {
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw ConfigError(variable: "WARTA_SMTP_CA_FILE", problem: "'\(file)' is not a readable file")
            }
            config.smtpCAFile = file
        }
        if let url {
            do throws(SMTPURLError) {
                _ = try SMTPConfiguration(url: url)
            } catch {
                throw ConfigError(
                    variable: "WARTA_SMTP_URL",
                    problem: "expected smtp://user:password@host:587, smtp://host:25?starttls=off or smtps://host:465")
            }
            config.smtpURL = url
        }
        if let from {
            guard MailSender.parse(from) != nil else {
                let shown = from.contains(where: \.isNewline) ? "a value with a line break" : "'\(from)'"
                throw ConfigError(
                    variable: "WARTA_MAIL_FROM", problem: "\(shown) is not 'Name <address@domain>' or an address")
            }
            config.mailFrom = from
        }
    }

    func makeLogger(label: String = "warta") -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        return logger
    }
}
