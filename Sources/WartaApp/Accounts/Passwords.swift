import HummingbirdBcrypt
import NIOPosix
import Prometheus

/// Password checks with bcrypt, on threads of their own.
enum Passwords {
    /// A bcrypt hash (cost 11, like every stored one) of a password nobody has. Checked against when an address
    /// has no account, so an unknown address takes as long to refuse as a wrong password.
    static let dummyHash = "$2b$11$HNNYn5BbgWfet0BSA9Sb1edI2613ol7yI/py4MBpUESz0mn/Hm19y"

    /// True when `password` matches `hash`; with no hash (no such account) bcrypt still runs, against
    /// `dummyHash`, and the answer is false. `checks` counts every bcrypt run.
    static func matches(_ password: String, hash: String?, checks: Prometheus.Counter? = nil) async throws -> Bool {
        checks?.increment()
        let stored = hash ?? dummyHash
        let matches = try await PasswordHashing.pool.runIfActive { Bcrypt.verify(password, hash: stored) }
        return matches && hash != nil
    }
}

/// bcrypt runs on its own threads: on the shared pool it would queue SQLite's blocking I/O behind it.
enum PasswordHashing {
    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        return pool
    }()
}
