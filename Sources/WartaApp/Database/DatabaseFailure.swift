import AsyncKit
import NIOCore
import PostgresNIO
import SQLiteNIO

/// What a database error means for the request that met it (issue 10, part 4). Only a database that cannot serve
/// is "unavailable" (503); a unique constraint that refused a row is someone else's save first (a form error); any
/// other database error is a bug (500, logged).
enum DatabaseFailure: Sendable, Equatable {
    /// Connection lost or refused, pool closed or timed out, busy past the timeout, schema not there.
    case unavailable
    /// A unique constraint refused the row.
    case duplicate
    /// A statement the database rejected for another reason.
    case bug

    /// The kind of `error`, or nil when it is not a database or connection error.
    static func of(_ error: any Error) -> DatabaseFailure? {
        switch error {
        case let error as PSQLError:
            postgres(code: error.code, sqlState: error.serverInfo?[.sqlState], severity: error.serverInfo?[.severity])
        case let error as SQLiteError:
            sqlite(error.reason, message: error.message)
        case is ConnectionPoolError, is ConnectionPoolTimeoutError, is ChannelError, is IOError:
            .unavailable
        default:
            nil
        }
    }

    /// `error` for a log line. A PostgreSQL error's reflection holds the failed query with its bind values (a
    /// password hash, an address) and its detail names the duplicate value, so only its code, SQLSTATE, message and
    /// underlying cause are kept.
    static func logDescription(of error: any Error) -> String {
        guard let error = error as? PSQLError else { return String(reflecting: error) }
        let sqlState = error.serverInfo?[.sqlState] ?? "-"
        let message = error.serverInfo?[.message] ?? "-"
        let underlying = error.underlying.map { String(reflecting: $0) } ?? "-"
        return "PSQLError(code: \(error.code), sqlState: \(sqlState), message: \(message), underlying: \(underlying))"
    }

    /// PostgreSQL: SQLSTATE 23505 is a duplicate; connection, resource, shutdown and FATAL errors are unavailable.
    static func postgres(code: PSQLError.Code, sqlState: String?, severity: String?) -> DatabaseFailure {
        guard code == .server else { return code == .tooManyParameters ? .bug : .unavailable }
        if let severity, ["FATAL", "PANIC"].contains(severity) { return .unavailable }
        guard let sqlState else { return .bug }
        if sqlState == "23505" { return .duplicate }
        // 08 connection, 53 resources, 57 operator intervention (shutdown, cancel), 58 system; 40001/40P01
        // serialization and deadlock, 25006 a read-only standby, 55P03 lock timeout, 42P01 a table that is not there.
        if ["08", "53", "57", "58"].contains(String(sqlState.prefix(2))) { return .unavailable }
        if ["40001", "40P01", "25006", "55P03", "42P01"].contains(sqlState) { return .unavailable }
        return .bug
    }

    /// SQLite: sqlite-nio reports primary result codes, so a unique violation is `constraint` with SQLite's message.
    static func sqlite(_ reason: SQLiteError.Reason, message: String) -> DatabaseFailure {
        switch reason {
        case .constraintUniqueFailed, .constraintPrimaryKeyFailed:
            return .duplicate
        case .constraint:
            return message.hasPrefix("UNIQUE constraint failed") ? .duplicate : .bug
        case .busy, .busyTimeout, .busyInRecovery, .busyInSnapshot, .locked, .lockedBySharedCache,
            .lockedVirtualTable, .cantOpen, .cantOpenDirectory, .cantOpenInvalidPath, .readOnly, .readonlyCantLock,
            .readonlyDirectory, .readonlyInRecovery, .readonlyInRollback, .readonlyBackingMoved, .ioError, .full,
            .corrupt, .notADatabase, .noMemory, .misuse, .connection, .close:
            return .unavailable
        case .error:
            // The file under the app is not the database it migrated (replaced, or a restore in progress).
            return message.hasPrefix("no such table") ? .unavailable : .bug
        default:
            return reason.isIOError ? .unavailable : .bug
        }
    }
}

extension SQLiteError.Reason {
    /// The extended I/O error codes, all of which mean the file cannot be read or written now.
    fileprivate var isIOError: Bool { "\(self)".hasPrefix("ioError") }
}
