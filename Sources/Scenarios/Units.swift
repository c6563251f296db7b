/// Units a usage input or parameter can be in.
public enum Units {
    public static let all = [
        "count", "hour", "GB", "GB-month", "request", "message", "LCU", "ACU", "vCPU", "GB-memory", "MAU", "user",
        "minute", "TB", "DPU-hour", "IO", "fraction", "USD", "hours-per-day", "IOPS", "MiB/s", "MB", "ms", "MBps",
    ]
}
