import Testing

@testable import WartaApp

@Suite struct StringTableTests {
    @Test func parsesBothEnginesShapes() throws {
        #expect(try StringTable.parse("[]") == [])
        #expect(try StringTable.parse(#"[["Kopi","kopi"],["Teh","teh"]]"#) == [["Kopi", "kopi"], ["Teh", "teh"]])
        // PostgreSQL's json_agg puts spaces after commas; SQLite writes nulls for missing values.
        #expect(try StringTable.parse(#"[["a", null], ["b", "c"]]"#) == [["a", nil], ["b", "c"]])
        #expect(try StringTable.parse(" [ [ ] ] ") == [[]])
    }

    @Test func decodesEscapes() throws {
        let parsed = try StringTable.parse(#"[["\"q\" \\ \/ \n\t", "\u00e9\u20ac", "\ud83d\ude00 😀 Ω"]]"#)
        #expect(parsed == [["\"q\" \\ / \n\t", "é€", "😀 😀 Ω"]])
    }

    @Test(arguments: [
        "", "[", "[[", #"[["a"]"#, #"[["a",]]"#, #"[["a"] ["b"]]"#, #"[["a"]] x"#, #"[[1]]"#, #"[["\x"]]"#,
        #"[["\u12"]]"#, #"[["\ud800"]]"#, #"[["\ud800\u0041"]]"#, #"[["unterminated]]"#, "{}", #"["a"]"#,
    ])
    func rejectsAnythingElse(text: String) {
        #expect(throws: StringTable.Malformed.self) { try StringTable.parse(text) }
    }
}
