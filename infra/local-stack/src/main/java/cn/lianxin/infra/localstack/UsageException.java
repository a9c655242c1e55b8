package cn.lianxin.infra.localstack;

/** The command line could not be understood; the CLI answers with the usage text and exit code 2. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
