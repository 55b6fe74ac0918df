import Hummingbird

/// An error a reader or newsroom user may see: an HTTP status and a localized title and explanation.
protocol UserFacingError: Error {
    var status: HTTPResponse.Status { get }
    var title: L10nKey { get }
    var body: L10nKey { get }
}

enum SiteError: UserFacingError, Equatable {
    case notFound
    /// The newsroom unpublished the article at this address.
    case withdrawn
    case badRequest
    case forbidden
    /// An author opened a colleague's article (ArticleWriter.mayWork).
    case notYourArticle
    case tooManyAttempts
    case databaseUnavailable

    var status: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .withdrawn: .gone
        case .badRequest: .badRequest
        case .forbidden, .notYourArticle: .forbidden
        case .tooManyAttempts: .tooManyRequests
        case .databaseUnavailable: .serviceUnavailable
        }
    }

    var title: L10nKey {
        switch self {
        case .notFound: .errorNotFoundTitle
        case .withdrawn: .errorWithdrawnTitle
        case .badRequest: .errorBadRequestTitle
        case .forbidden, .notYourArticle: .errorForbiddenTitle
        case .tooManyAttempts: .errorTooManyTitle
        case .databaseUnavailable: .errorUnavailableTitle
        }
    }

    var body: L10nKey {
        switch self {
        case .notFound: .errorNotFoundBody
        case .withdrawn: .errorWithdrawnBody
        case .badRequest: .errorBadRequestBody
        case .forbidden: .errorForbiddenBody
        case .notYourArticle: .errorNotYourArticle
        case .tooManyAttempts: .errorTooManyBody
        case .databaseUnavailable: .errorUnavailableBody
        }
    }
}
