import FluentKit
import SQLKit

/// The durable job queue (CONTRACTS.md, "Background jobs"): one row a job, claimed with a lease.
struct CreateJobs: AsyncMigration {
    var name: String { "0019_create_jobs" }

    func prepare(on database: any Database) async throws {
        try await database.schema("jobs")
            .id()
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("state", .string, .required)
            .field("run_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("max_attempts", .int, .required)
            .field("lease_until", .datetime)
            .field("claimed_by", .string)
            .field("claimed_at", .datetime)
            .field("last_error", .string)
            .field("unique_key", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("finished_at", .datetime)
            .unique(on: "unique_key", name: "jobs_unique_key")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // Claims read due jobs by state and time; reclaims read running jobs by lease.
        try await sql.create(index: "jobs_state_run_at").on("jobs").column("state").column("run_at").run()
        try await sql.create(index: "jobs_state_lease").on("jobs").column("state").column("lease_until").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("jobs").delete()
    }
}
