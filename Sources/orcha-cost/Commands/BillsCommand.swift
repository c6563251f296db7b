import ArgumentParser
import Billing
import CostModel
import DataStore
import Pricing
import Reporting

struct BillsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bills",
        abstract: "Import bills (CUR or FOCUS exports) into the data store, and list what it holds.",
        subcommands: [BillsImport.self, BillsList.self]
    )
}
