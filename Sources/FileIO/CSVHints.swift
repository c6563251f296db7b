/// The hints after a CSV file's damage messages, in the words of what the file is: a caller
/// reading a bill says how to get a good bill, not a good price list. Each module that reads a
/// kind of CSV keeps its words beside it (`CSVHints.priceList` in Pricing, `.bill` in Billing).
public struct CSVHints: Sendable {
    /// After `text is not valid UTF-8`.
    public var invalidUTF8: String
    /// After `malformed CSV quoting: ...`.
    public var malformedQuoting: String
    /// After `a quoted field is never closed: ...` (the file was cut, or a quote is missing).
    public var unclosedQuote: String

    public init(invalidUTF8: String, malformedQuoting: String, unclosedQuote: String) {
        self.invalidUTF8 = invalidUTF8
        self.malformedQuoting = malformedQuoting
        self.unclosedQuote = unclosedQuote
    }

    /// For a CSV file of no particular kind.
    public static let generic = CSVHints(
        invalidUTF8: "convert the file to UTF-8 (iconv -t UTF-8)",
        malformedQuoting: "the file is damaged or is not a CSV file",
        unclosedQuote: "the file was cut short, or a quote is missing")
}
