import Testing

/// Every newsletter suite, one test at a time: each PostgreSQL case opens a database and a pool, and the whole
/// suite runs beside everything else within the test server's connection limit.
@Suite(.serialized) struct NewsletterTests {}
