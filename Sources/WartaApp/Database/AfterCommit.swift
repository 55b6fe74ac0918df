import NIOConcurrencyHelpers

/// Work that must wait until the surrounding `WartaDatabase.write` has committed, such as dropping page-cache
/// entries: dropped earlier, a request between the drop and the commit could cache the old page again.
/// Outside a write the work runs at once; after a rollback it never runs.
final class AfterCommit: Sendable {
    @TaskLocal static var current: AfterCommit?

    private let actions = NIOLockedValueBox<[@Sendable () -> Void]>([])

    static func run(_ action: @escaping @Sendable () -> Void) {
        if let current {
            current.actions.withLockedValue { $0.append(action) }
        } else {
            action()
        }
    }

    func runAll() {
        for action in actions.withLockedValue({ $0 }) { action() }
    }
}
