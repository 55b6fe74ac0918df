import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WartaApp

@Suite struct JobScreenTests {
    @Test(
        "Admins see jobs per state with the last error and retry a dead one; editors may not",
        arguments: TestDatabase.allCases)
    func adminsSeeAndRetryJobs(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff("admin@example.com", name: "Sari Admin", role: .admin)
            try await seed.staff()
            let id = seed.services.world.newID()
            let now = seed.services.world.now()
            _ = try await seed.services.database.write { tx in
                try await JobQueue.enqueue(.init(kind: "ping", rawPayload: "<forged>"), id: id, now: now, on: tx)
            }
            _ = try await JobWorker(services: seed.services).runDue()
            try await app.test(.router) { client in
                var editor = Browser(client)
                _ = try await editor.signIn(email: "editor@example.com", password: "rahasia-sekali")
                #expect(try await editor.get("/admin/jobs").status == .forbidden)
                #expect(try await editor.post("/admin/jobs/\(id.uuidString)/retry", []).status == .forbidden)
                var admin = Browser(client)
                _ = try await admin.signIn(email: "admin@example.com", password: "rahasia-sekali")
                let page = try await admin.get("/admin/jobs")
                #expect(page.status == .ok)
                #expect(page.text.contains("Mati: 1"))
                #expect(page.text.contains("the payload is not a valid ping payload"))
                #expect(page.text.contains("/admin/jobs/\(id.uuidString)/retry"))
                #expect(try await admin.get("/admin/jobs?state=dead").text.contains("ping"))
                #expect(try await admin.get("/admin/jobs?state=nonsense").status == .ok)
                let retried = try await admin.post("/admin/jobs/\(id.uuidString)/retry", [])
                #expect(retried.status == .seeOther)
                #expect(try await jobRow(id, seed.services).state == "queued")
                #expect(try await admin.post("/admin/jobs/\(id.uuidString)/retry", []).status == .notFound)
                #expect(try await admin.post("/admin/jobs/not-a-uuid/retry", []).status == .notFound)
                #expect(
                    try await admin.post("/admin/jobs/\(id.uuidString)/retry", [], csrf: "forged").status == .forbidden)
            }
        }
    }

    @Test func jobMetricsAreExposed() async throws {
        try await withTestApp(.sqlite) { app, seed in
            seed.services.metrics.jobs.record([.queued: 3, .dead: 1])
            try await app.test(.router) { client in
                let text = try await client.get("/metrics").text
                #expect(text.contains("warta_jobs_queued 3"))
                #expect(text.contains("warta_jobs_dead 1"))
                #expect(text.contains("warta_job_claim_to_done_seconds"))
            }
        }
    }
}
