import FileIO

extension CSVHints {
    /// An AWS Price List file (downloaded).
    public static let priceList = CSVHints(
        invalidUTF8: "AWS price lists are UTF-8; re-download or convert the file (iconv -t UTF-8)",
        malformedQuoting: "the file is damaged or is not a CSV export; re-download it",
        unclosedQuote: "re-download the file; a complete price list ends with a full row")

    /// A reviewed file under `pricing/` (a region sheet, the key registry), edited by hand.
    public static let pricingSheet = CSVHints(
        invalidUTF8: "files under pricing/ are UTF-8; save the file as UTF-8 (iconv -t UTF-8)",
        malformedQuoting: "a quote inside a field must be doubled (\"\"); fix the row",
        unclosedQuote: "a quoted field must end with a quote; fix the row (git diff shows the edit)")
}
