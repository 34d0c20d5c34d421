// brook-ctcheck: runs BrookCrypto's secret-handling operations with their secrets marked undefined
// for valgrind memcheck, so that memcheck reports every conditional branch and every memory address
// that depends on a secret. Run it under valgrind (the BrookCryptoTests suite "Secret-taint check"
// does):
//
//   valgrind --error-exitcode=97 .build/release/brook-ctcheck operations
//   valgrind --error-exitcode=97 .build/release/brook-ctcheck controls   # must report errors
//
// Prints one line per operation, "<name> errors=<n>", n being the memcheck errors reported while it
// ran. Exits 2 when not under valgrind or when the client requests were compiled out; 1 when a
// public sanity check failed. A test tool: no library product contains it.
@_spi(ConstantTimeValidation) import BrookCrypto
import Glibc
import CValgrind

let arguments = CommandLine.arguments.dropFirst()
let operations: [Operation]
switch arguments.first {
case "operations": operations = symmetricOperations + asymmetricOperations
case "controls": operations = positiveControls
default:
    print("usage: brook-ctcheck operations|controls [name…]   (under valgrind memcheck)")
    exit(2)
}
let selected = arguments.dropFirst()

guard brook_ct_requests_compiled() != 0 else {
    print("brook-ctcheck: built without valgrind/memcheck.h (install Debian's valgrind): cannot check")
    exit(2)
}
guard brook_ct_running_on_valgrind() != 0 else {
    print("brook-ctcheck: not running under valgrind: nothing would be checked")
    exit(2)
}

// BrookCrypto declares a few secret-derived values public (tag verdicts, rejection-sampling
// verdicts, signatures, public keys); this hook marks them defined for memcheck at that point.
ConstantTimeValidation.declassifyHook = { pointer, count in brook_ct_mark_public(pointer, count) }

var failed = false
for (index, operation) in operations.enumerated() where selected.isEmpty || selected.contains(operation.name) {
    var inputs = InputGenerator(seed: 0x6272_6F6F_6B00 &+ UInt64(index))
    let before = brook_ct_error_count()
    do {
        try operation.body(&inputs)
    } catch {
        print("\(operation.name) failed: \(error)")
        failed = true
    }
    print("\(operation.name) errors=\(brook_ct_error_count() &- before)")
}
exit(failed ? 1 : 0)
