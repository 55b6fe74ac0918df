import FluentKit

/// The schema history in order. Append only: a released migration is never edited or renamed.
let allMigrations: [any Migration] = [
    CreateUsers(),
    CreateSessions(),
    CreateOneTimeTokens(),
    CreateRateLimits(),
    CreateSettings(),
    CreateCategories(),
    CreateTags(),
    CreateArticles(),
    CreateArticleTags(),
    CreateRevisions(),
    CreateOldSlugs(),
    CreateArticleRelated(),
    IndexArticlesByUpdate(),
    AddUserDisabledAt(),
    AddArticleBodyRevision(),
    IndexPublicListsByOrder(),
    AddArticleCreator(),
    ListTaggedArticlesByDate(),
    CreateJobs(),
    HashSessionKeys(),
    IndexSessionsAndRateLimits(),
    IndexRevisionsByArticleVersion(),
    CreateCacheEvents(),
    AddArticleTranslationGroup(),
]
