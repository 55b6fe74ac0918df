import FluentKit
import Foundation
import Logging
import NIOConcurrencyHelpers
import SQLKit
import ServiceLifecycle

/// The one place every feature reads the site's settings from. It holds the current values in memory (a lock and
/// a copy per read) and replaces them when they change: at once in the instance that saved them, and within a
/// second in every other process (`SettingsWatcher`).
final class SettingsProvider: Sendable {
    private let state: NIOLockedValueBox<(settings: SiteSettings, version: String)>
    /// Kept apart for the cache-hit path: reading it copies one enum, not the whole settings value.
    private let language: NIOLockedValueBox<UILanguage>
    /// The values the environment sets, and what to use when nothing is saved.
    let environment: EnvironmentSettings

    init(config: AppConfig) {
        environment = EnvironmentSettings(config)
        state = NIOLockedValueBox((environment.defaults, ""))
        language = NIOLockedValueBox(environment.defaults.defaultLanguage)
    }

    var current: SiteSettings { state.withLockedValue { $0.settings } }
    var defaultLanguage: UILanguage { language.withLockedValue { $0 } }
    var version: String { state.withLockedValue { $0.version } }

    /// Reads the saved settings; returns true when they differed from what this process had.
    @discardableResult
    func reload(from database: WartaDatabase) async throws -> Bool {
        let saved = try await SettingsStore.savedValues(on: database.db)
        let next = environment.effective(saved)
        let version = saved[SettingsStore.versionKey] ?? ""
        let changed = state.withLockedValue { state in
            let changed = state.settings != next || state.version != version
            state = (next, version)
            return changed
        }
        language.withLockedValue { $0 = next.defaultLanguage }
        return changed
    }

    func apply(_ settings: SiteSettings, version: String) {
        state.withLockedValue { $0 = (settings, version) }
        language.withLockedValue { $0 = settings.defaultLanguage }
    }
}

/// What the environment says about settings that /admin can also change: a variable that is set wins.
struct EnvironmentSettings: Sendable {
    let defaults: SiteSettings
    /// Setting field → the variable that sets it, for those set in this process's environment.
    let overrides: [GeneralSettings.Field: String]

    init(_ config: AppConfig) {
        defaults = SiteSettings(
            name: config.siteName, timeZone: config.timeZone, defaultLanguage: config.language,
            siteURL: config.siteURL, secureCookies: config.usesSecureCookies)
        var overrides: [GeneralSettings.Field: String] = [:]
        for (field, variable) in GeneralSettings.Field.variables where config.environmentSet.contains(variable) {
            overrides[field] = variable
        }
        self.overrides = overrides
    }

    /// The saved values over the defaults, then the environment's over those.
    func effective(_ saved: [String: String]) -> SiteSettings {
        var settings = defaults
        GeneralSettings(saved: saved, defaults: defaults).apply(to: &settings)
        if overrides[.name] != nil { settings.name = defaults.name }
        if overrides[.timeZone] != nil { settings.timeZone = defaults.timeZone }
        if overrides[.defaultLanguage] != nil {
            settings.defaultLanguage = defaults.defaultLanguage
            if !settings.uiLanguages.contains(settings.defaultLanguage) {
                settings.uiLanguages = UILanguage.allCases.filter {
                    settings.uiLanguages.contains($0) || $0 == settings.defaultLanguage
                }
            }
        }
        return settings
    }
}

/// Notices settings saved by another process (another instance, the CLI) within a second: it reads one row, the
/// settings' version, and on a change reloads them and empties this instance's page cache. On PostgreSQL the
/// saving instance's NOTIFY has already emptied the caches; pages rendered between that and the reload would
/// still show the old values, which is why the cache is emptied again here.
struct SettingsWatcher: Service {
    let services: AppServices
    /// Half a second: one indexed one-row read, so a change is everywhere within a second (the bar).
    static let defaultInterval: Duration = .milliseconds(500)
    var interval = SettingsWatcher.defaultInterval

    func run() async throws {
        while !Task.isCancelledOrShuttingDown {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            do {
                try await checkOnce()
            } catch {
                services.logger.warning(
                    "settings check failed", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
    }

    /// One look at the version; reloads and empties the cache when it moved. What tests call.
    func checkOnce() async throws {
        let version = try await SettingsStore.savedVersion(on: services.database.db)
        guard version != services.settings.version else { return }
        if try await services.settings.reload(from: services.database) {
            services.cache.dropAll()
            services.logger.info("settings changed elsewhere; reloaded")
        }
    }
}
