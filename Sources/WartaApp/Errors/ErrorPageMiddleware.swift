import FluentKit
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1

/// Turns any error into a localized HTML page with the right status; details go to the log only.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = WartaContext
    let settings: SettingsProvider
    var site: SiteSettings { settings.current }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as any UserFacingError {
            return page(status: error.status, title: error.title, body: error.body, request, context)
        } catch let error as any HTTPResponseError {
            let (title, body) = Self.texts(for: error.status)
            var response = page(status: error.status, title: title, body: body, request, context)
            if error.status == .methodNotAllowed, let allow = (error as? HTTPError)?.headers[.allow] {
                response.headers[.allow] = allow
            }
            return response
        } catch let error as HTTPParserError {
            // The client sent a broken request or stopped half-way (a slow client cut off by the read deadline):
            // its fault, not the server's, so no error an operator must act on.
            context.logger.notice("request could not be read", metadata: ["error": "\(error)"])
            let (title, body) = Self.texts(for: .badRequest)
            return page(status: .badRequest, title: title, body: body, request, context)
        } catch {
            let details: Logger.Metadata = ["error": "\(DatabaseFailure.logDescription(of: error))"]
            switch DatabaseFailure.of(error) {
            case .unavailable:
                context.logger.error("database unavailable", metadata: details)
                return page(
                    status: .serviceUnavailable, title: .errorUnavailableTitle, body: .errorUnavailableBody, request,
                    context)
            case .duplicate:
                // Someone saved the same value first; a handler that knows the form shows it by the field.
                context.logger.warning("duplicate row refused", metadata: details)
                let (title, body) = Self.texts(for: .conflict)
                return page(status: .conflict, title: title, body: body, request, context)
            case .bug, nil:
                context.logger.error("request failed", metadata: details)
                return page(
                    status: .internalServerError, title: .errorGenericTitle, body: .errorGenericBody, request, context)
            }
        }
    }

    static func texts(for status: HTTPResponse.Status) -> (L10nKey, L10nKey) {
        switch status.code {
        case 404: (.errorNotFoundTitle, .errorNotFoundBody)
        case 405: (.errorMethodTitle, .errorMethodBody)
        case 403: (.errorForbiddenTitle, .errorForbiddenBody)
        case 413: (.errorTooLargeTitle, .errorTooLargeBody)
        case 429: (.errorTooManyTitle, .errorTooManyBody)
        case 503: (.errorUnavailableTitle, .errorUnavailableBody)
        case 400..<500: (.errorBadRequestTitle, .errorBadRequestBody)
        default: (.errorGenericTitle, .errorGenericBody)
        }
    }

    private func page(
        status: HTTPResponse.Status, title: L10nKey, body: L10nKey, _ request: Request, _ context: Context
    )
        -> Response
    {
        let view = context.viewContext(site)
        let html = errorPageView(title: view.localizer[title], body: view.localizer[body], view)
        return Response.html(html, status: status, cacheControl: "no-store")
    }
}

func errorPageView(title: String, body: String, _ context: ViewContext) -> String {
    PublicLayout(title: title, description: title, context: context).render { html in
        html.element("h1", text: title)
        html.element("p", text: body)
        html.element("p") { $0.element("a", [.href("/")], text: context.localizer[.backHome]) }
    }
}

extension Response {
    static func html(_ html: String, status: HTTPResponse.Status = .ok, cacheControl: String = "no-cache") -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = cacheControl
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func redirect(_ location: String, status: HTTPResponse.Status = .seeOther) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers)
    }
}
