import Testing

@testable import WartaMail

@Suite struct SMTPParsingTests {
    @Test func multiLineReplyKeepsEachLineAndTheEnhancedCode() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.feed("550-5.1.1 The email account that you tried to reach") == nil)
        let reply = try #require(try parser.feed("550 5.1.1 does not exist."))
        #expect(reply.code == 550)
        #expect(reply.enhancedCode == "5.1.1")
        #expect(reply.lines == ["The email account that you tried to reach", "does not exist."])
        #expect(reply.isPermanentFailure && !reply.isTransientFailure)
        #expect(try parser.feed("250") == SMTPReply(code: 250, lines: [""]))
        #expect(try parser.feed("451 4.3.0 busy")?.isTransientFailure == true)
    }

    @Test func enhancedCodeMustAgreeWithTheReplyClass() throws {
        var parser = SMTPReplyParser()
        let reply = try #require(try parser.feed("250 5.1.1 odd"))
        #expect(reply.enhancedCode == nil)
        #expect(reply.text == "5.1.1 odd")
    }

    @Test func garbageIsAMalformedReply() {
        for line in ["hello", "25", "2500 x", "999 out of range", "250_x", "abc def"] {
            var parser = SMTPReplyParser()
            #expect(throws: SMTPReplyParser.Failure.self) { try parser.feed(line) }
        }
        var parser = SMTPReplyParser()
        #expect(throws: SMTPReplyParser.Failure.self) {
            _ = try parser.feed("250-first")
            _ = try parser.feed("550 code changed mid-reply")
        }
    }

    @Test func ehloKeywordsAreRead() {
        let reply = SMTPReply(
            code: 250,
            lines: [
                "mail.example greets you", "pipelining", "8BITMIME", "SMTPUTF8", "SIZE 10240000", "STARTTLS",
                "AUTH PLAIN login", "ENHANCEDSTATUSCODES", "AUTH=CRAM-MD5",
            ])
        let capabilities = SMTPCapabilities(ehloReply: reply)
        #expect(capabilities.pipelining && capabilities.eightBitMIME && capabilities.smtpUTF8)
        #expect(capabilities.startTLS && capabilities.enhancedStatusCodes)
        #expect(capabilities.sizeLimit == 10_240_000)
        #expect(capabilities.authMechanisms == ["PLAIN", "LOGIN", "CRAM-MD5"])
        let bare = SMTPCapabilities(ehloReply: SMTPReply(code: 250, lines: ["STARTTLS is only the greeting"]))
        #expect(bare == SMTPCapabilities())
    }

    @Test func dataIsDotStuffedNormalisedAndTerminated() throws {
        let message = Array("Subject: x\n\n.hidden\r\n..two\rlast".utf8)
        let data = try SMTPMessageData(message: message)
        #expect(String(decoding: data.bytes, as: UTF8.self) == "Subject: x\r\n\r\n..hidden\r\n...two\r\nlast\r\n.\r\n")
        #expect(data.size == message.count)
        #expect(!data.hasEightBit)
        #expect(try SMTPMessageData(message: Array("é\r\n".utf8)).hasEightBit)
        #expect(try SMTPMessageData(message: Array("a\r\n.\r\n".utf8)).bytes == Array("a\r\n..\r\n.\r\n".utf8))
    }

    @Test func linesOver998OctetsAreRefused() throws {
        let fine = "a: " + String(repeating: "x", count: 995) + "\r\n"
        #expect(try SMTPMessageData(message: Array(fine.utf8)).bytes.count == 998 + 2 + 3)
        let long = "a: b\r\n\r\n" + String(repeating: "x", count: 999) + "\r\n"
        #expect(throws: SMTPError(.data, .lineTooLong(line: 3))) { try SMTPMessageData(message: Array(long.utf8)) }
    }

    @Test func authPlainIsBase64OfNulSeparatedCredentials() {
        // RFC 4616 §4 example, base64 as any SASL library gives it.
        #expect(SMTPAuth.plainResponse(username: "tim", password: "tanstaaftanstaaf") == "AHRpbQB0YW5zdGFhZnRhbnN0YWFm")
        #expect(SMTPAuth.base64(Array("f".utf8)) == "Zg==")
        #expect(SMTPAuth.base64(Array("fo".utf8)) == "Zm8=")
        #expect(SMTPAuth.base64(Array("foobar".utf8)) == "Zm9vYmFy")
    }

    @Test func errorsSayWhetherToRetry() {
        #expect(SMTPError(.rcpt, .reply(SMTPReply(code: 451, lines: ["later"]))).isTransient)
        #expect(!SMTPError(.dataEnd, .reply(SMTPReply(code: 552, lines: ["too big"]))).isTransient)
        #expect(SMTPError(.greeting, .timeout).isTransient)
        #expect(SMTPError(.mail, .connectionLost).isTransient)
        #expect(!SMTPError(.starttls, .startTLSNotOffered).isTransient)
    }
}
