/// Every string the interface shows. A missing translation is caught by `LocalizationTests`.
enum L10nKey: String, CaseIterable, Sendable {
    // Site chrome
    case siteHome, siteLanguageLabel, siteFooterPowered, siteSkipToContent
    // Article page
    case bylineAuthor, bylineEditor, sourceLabel, translatedFromBy, translatedFrom, relatedHeading
    case categoryLabel, tagsLabel
    // Lists
    case latestHeading, categoryHeading, tagHeading, authorHeading, noArticles, pageNewer, pageOlder, pageNumber
    case pagePrevious, pageNext, adminFindName, adminFind, adminNoMatches, adminAddCategory, adminAddTag
    case readMore
    // Errors
    case errorNotFoundTitle, errorNotFoundBody, errorWithdrawnTitle, errorWithdrawnBody, errorGenericTitle,
        errorGenericBody, errorUnavailableTitle
    case errorUnavailableBody, errorForbiddenTitle, errorForbiddenBody, errorNotYourArticle, errorMethodTitle,
        errorMethodBody, errorTooLargeTitle,
        errorTooLargeBody
    case errorBadRequestTitle, errorBadRequestBody, errorTooManyTitle, errorTooManyBody, backHome
    // Newsroom: sign in and set-up
    case adminTitle, adminSignInTitle, adminEmail, adminPassword, adminSignIn, adminSignOut, adminSignOutEverywhere,
        adminAccount,
        adminChangePassword, adminCurrentPassword, adminNewPassword, adminRepeatPassword, adminPasswordChanged,
        adminPasswordWrong, adminPasswordsDiffer,
        adminSignInFailed, adminForgotPassword
    case adminSetupTitle, adminSetupIntro, adminName, adminCreateOwner, adminSetupInvalid, adminPasswordTooShort
    case adminFieldRequired, adminEmailInvalid, adminEmailTaken
    // Newsroom: articles
    case adminArticles, adminNewArticle, adminFilterStatus, adminFindTitle, adminFilter, adminAllStatuses
    case adminColumnTitle, adminColumnStatus, adminColumnUpdated, adminEdit, adminNoArticles
    case fieldTitle, fieldSlug, fieldLanguage, fieldSummary, fieldBody, fieldAuthorCredit, fieldEditor
    case fieldSourceName, fieldSourceURL, fieldOriginalLanguage, fieldOriginalURL, fieldTranslator, fieldCategory
    case fieldTags, fieldTagsHint, fieldPublishAt, fieldPublishAtHint, fieldStatus, fieldNone
    case fieldSlugHint, fieldBodyHint, fieldTranslationGroup, fieldTranslationGroupHint, errorTranslationGroupInvalid
    case actionSave, actionPreview, actionSubmitReview, actionSchedule, actionPublish, actionUnpublish
    case actionBackToDraft, actionRestore, actionCreate, actionDelete, actionRename
    case adminDeleteKeepsArticles, adminArticleCount
    case statusDraft, statusReview, statusScheduled, statusPublished, statusUnpublished
    case adminSaved, adminPreviewHeading, adminRevisions, adminRevisionSaved, adminRevisionRestored
    case adminRevisionBy, adminViewRevision
    case adminConflict, adminConflictTheirs, adminConflictChanged, adminViewLive
    case adminDeleteArticle, adminDeleteArticleQuestion, adminDeleteArticleBody, adminArticleDeleted, adminBackToEditor
    case errorNotDeletable, errorDeleteChanged
    case errorSlugTaken, errorSlugInvalid, errorURLInvalid, errorPublishAtRequired, errorDateInvalid
    case errorNotAllowed, errorTooLong, errorLanguageInvalid
    // Newsroom: taxonomy and users
    case adminCategories, adminTags, adminUsers, adminRole, adminAddUser, adminUserCreated, adminResetPassword,
        adminPasswordReset
    case roleAuthor, roleEditor, roleAdmin, adminChangeRole, adminRoleChanged, errorLastAdmin
    case adminDisableUser, adminEnableUser, adminAccountOff, adminUserDisabled, adminUserEnabled, adminAccountDisabled
    // Newsroom: background jobs
    case adminJobs, adminJobsUnfinished, adminNoJobs, adminJobKind, adminJobAttempts, adminJobRunAt, adminJobLastError
    // Newsroom: settings
    case adminSettings, settingsGeneral, settingsSiteName, settingsDescription, settingsLanguagesOn
    case settingsDefaultLanguage, settingsTimeZone, settingsTimeZoneHint, settingsContact, settingsSetByEnvironment
    case settingsSaved, settingsNotSaved, settingsNameRequired, settingsTooLong, settingsLanguageUnknown
    case settingsLanguagesRequired, settingsDefaultNotOn, settingsZoneInvalid, settingsContactInvalid
    case adminJobRetry, adminJobRetried, jobStateQueued, jobStateRunning, jobStateFailed, jobStateDead, jobStateDone
    // Newsletter: the subscribe box and its pages
    case newsletterHeading, newsletterIntro, newsletterEmailLabel, newsletterSubscribe, newsletterHoneypot
    case newsletterCheckMailTitle, newsletterCheckMailBody, newsletterEmailInvalid, newsletterListUnknown
    case newsletterConfirmTitle, newsletterConfirmBody, newsletterConfirmButton, newsletterConfirmedTitle,
        newsletterConfirmedBody
    case newsletterLinkInvalidTitle, newsletterLinkInvalidBody, newsletterLinkExpiredBody
    case newsletterUnsubscribeTitle, newsletterUnsubscribeBody, newsletterUnsubscribeButton,
        newsletterUnsubscribedTitle, newsletterUnsubscribedBody, newsletterManageLink
    case newsletterPreferencesTitle, newsletterPreferencesIntro, newsletterPreferencesSave,
        newsletterPreferencesSaved, newsletterLeaveAll, newsletterLeftAll, newsletterStatePending
    case newsletterListDaily, newsletterListDailyAbout, newsletterListBreaking, newsletterListBreakingAbout
    // Newsletter: mail
    case mailConfirmSubject, mailConfirmIntro, mailConfirmAction, mailConfirmButton, mailConfirmIgnore
    case mailDigestSubject, mailDigestIntro, mailDigestSample, mailTestSubject, mailUnsubscribe, mailPreferences,
        mailDigestWhy
    // Newsroom: mail settings, newsletter campaigns and subscribers (Catalog+NewsroomMail.swift)
    case mailSettingsHeading, mailSmtpHost, mailSmtpHostHint, mailSmtpPort, mailSmtpSecurity, mailSecurityStartTLS
    case mailSecurityTLS, mailSecurityOff, mailSmtpUsername, mailSmtpPassword, mailPasswordSaved, mailPasswordNone
    case mailFrom, mailFromHint, mailDigestTime, mailDigestTimeHint, mailTestTo, mailSendTest, mailTestQueued
    case mailSettingsTestSubject, mailTestBody, errorMailLineBreak, errorMailHost, errorMailPort, errorMailSecurity
    case errorMailFrom, errorMailTime, errorMailAddress
    case adminNewsletter, campaignNew, campaignEdit, campaignNotSaved, campaignList, campaignLists, campaignSubject
    case campaignBody, campaignBodyHint, campaignArticles, campaignArticlesHint, campaignNoArticles
    case campaignFindArticles, campaignTestTo, campaignSendTest, campaignScheduleAt, campaignScheduleHint
    case campaignSchedule, campaignSendNow, campaignPreviewHTML, campaignPreviewText, campaignQueuedAt
    case campaignCancel, campaignUnsubscribed, outboxQueued, outboxSending, outboxSent, outboxDeferred, outboxFailed
    case outboxSuppressed, campaignStateDraft, campaignStateScheduled, campaignStateQueued, campaignStateCancelled
    case campaignsTitle, campaignNone, subscribersActive, campaignTestQueued, campaignQueuedNotice
    case campaignScheduledNotice, campaignAlreadySent, campaignCancelledNotice, campaignNotCancellable
    case campaignTestSubject, campaignMailFooter, campaignUnsubscribe, campaignPreferences
    case errorCampaignSubjectRequired, errorCampaignListUnknown, errorCampaignArticleUnknown
    case errorCampaignTooManyArticles, errorCampaignEmpty, errorCampaignScheduleRequired, errorCampaignSchedulePast
    case subscribersTitle, subscribersExport, subscribersFind, subscribersNone, subscribersConsent, subscribersRemove
    case subscriberRemoved, subscriptionActive, subscriptionPending, subscriptionUnsubscribed
}
