import Foundation
import NIOCore
import NIOPosix

/// The threads warta runs on: NIO's shared event-loop group, sized by `WARTA_THREADS`.
public enum EventLoops {
    /// Call first thing in `main`, before any task starts. Makes the shared group Swift concurrency's global
    /// executor, so a handler's awaits resume on the loop that serves its connection instead of hopping to a
    /// second thread pool and back (docs/adr/005-related-lists-and-the-miss-path.md).
    public static func takeOverConcurrency(_ environment: [String: String] = ProcessInfo.processInfo.environment) {
        // A bad value is reported (exit 2) when the command reads its configuration; here it keeps the default.
        if let threads = try? AppConfig.fromEnvironment(environment).threads {
            NIOSingletons.groupLoopCountSuggestion = threads
        }
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
