import Hummingbird

/// What a newsletter page can refuse, in the reader's terms.
enum NewsletterError: UserFacingError, Equatable {
    /// The form named a list this site does not have.
    case unknownList
    /// A confirm, unsubscribe or preferences link that names nothing (mistyped, cut off, forged).
    case unknownLink
    /// A confirmation link past its seven days, used, or whose unconfirmed address was removed.
    case expiredLink

    var status: HTTPResponse.Status {
        switch self {
        case .unknownList, .unknownLink: .badRequest
        case .expiredLink: .gone
        }
    }

    var title: L10nKey {
        switch self {
        case .unknownList: .errorBadRequestTitle
        case .unknownLink, .expiredLink: .newsletterLinkInvalidTitle
        }
    }

    var body: L10nKey {
        switch self {
        case .unknownList: .newsletterListUnknown
        case .unknownLink: .newsletterLinkInvalidBody
        case .expiredLink: .newsletterLinkExpiredBody
        }
    }
}
