import Foundation
import Hummingbird
import Logging

/// `/admin/jobs` (admins only): jobs per state, the unfinished ones with their last error, and a retry button for
/// failed and dead ones.
struct JobRoutes: Sendable {
    let queue: JobQueue
    let settings: SettingsProvider

    func add(to group: RouterGroup<WartaContext>) {
        group.get("/jobs") { request, context in
            guard context.staff?.role.canManageUsers == true else { throw SiteError.forbidden }
            let raw = request.uri.queryParameters["state"].map(String.init) ?? ""
            let state = JobState(rawValue: raw)
            let notice: L10nKey? = request.uri.queryParameters["retried"] != nil ? .adminJobRetried : nil
            return try await page(context, state: state, notice: notice)
        }
        group.post("/jobs/:id/retry") { _, context in
            guard context.staff?.role.canManageUsers == true else { throw SiteError.forbidden }
            guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
                throw SiteError.notFound
            }
            guard try await queue.retry(id) else { throw SiteError.notFound }
            context.logger.info("job retried by staff", metadata: ["job_id": "\(id.uuidString)"])
            return Response.redirect("/admin/jobs?retried=1")
        }
    }

    private func page(_ context: WartaContext, state: JobState?, notice: L10nKey?) async throws -> Response {
        let jobs = JobListPage(
            counts: try await queue.counts(), state: state, rows: try await queue.list(state: state), notice: notice)
        let view = context.viewContext(settings.current)
        return .html(jobListView(jobs, view), cacheControl: "no-store")
    }
}

/// What the jobs screen shows.
struct JobListPage: Sendable {
    let counts: [JobState: Int]
    let state: JobState?
    let rows: [JobSummary]
    let notice: L10nKey?
}

func jobListView(_ page: JobListPage, _ context: ViewContext) -> String {
    let l = context.localizer
    return AdminLayout(title: l[.adminJobs], context: context).render { html in
        html.element("h1", text: l[.adminJobs])
        if let notice = page.notice { html.element("p", [.class("notice")], text: l[notice]) }
        html.element("p") { line in
            line.element("a", [.href("/admin/jobs")], text: l[.adminJobsUnfinished])
            for state in JobState.allCases {
                line.text(" · ")
                let current = state == page.state ? Attribute("aria-current", "true") : nil
                line.element(
                    "a", [.href("/admin/jobs?state=\(state.rawValue)"), current],
                    text: "\(l.jobState(state)): \(page.counts[state] ?? 0)")
            }
        }
        guard !page.rows.isEmpty else {
            html.element("p", text: l[.adminNoJobs])
            return
        }
        html.element("table", [.class("stack")]) { table in
            table.element("thead") { head in
                head.element("tr") { row in
                    for key: L10nKey in [.adminJobKind, .adminColumnStatus, .adminJobAttempts, .adminJobRunAt] {
                        row.element("th", text: l[key])
                    }
                    row.element("th", text: l[.adminJobLastError])
                    row.element("th", text: "")
                }
            }
            table.element("tbody") { body in
                for job in page.rows { jobRow(job, context, &body) }
            }
        }
    }
}

private func jobRow(_ job: JobSummary, _ context: ViewContext, _ html: inout HTML) {
    let l = context.localizer
    html.element("tr") { row in
        row.element("td", text: job.kind)
        row.element("td", text: l.jobState(job.state))
        row.element("td", text: "\(job.attempts)/\(job.maxAttempts)")
        row.element("td", text: context.dates.dateTime(job.runAt))
        row.element("td") { $0.element("small", text: job.lastError ?? "") }
        row.element("td") { cell in
            guard job.state == .failed || job.state == .dead else { return }
            cell.element(
                "form",
                [
                    Attribute("method", "post"), Attribute("action", "/admin/jobs/\(job.id.uuidString)/retry"),
                    .class("inline"),
                ]
            ) { form in
                csrfField(&form, context)
                form.element("button", [.type("submit")], text: l[.adminJobRetry])
            }
        }
    }
}
