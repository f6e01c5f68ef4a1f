package io.helmdesk.protocol.message;

/**
 * The per-field limits. A reader checks them before it allocates; a record's constructor refuses values beyond them.
 * String limits count UTF-8 bytes.
 */
public final class Limits {

    /** Identifiers, names, versions, keys: device id, device name, OS name, user name, command name. */
    public static final int NAME_BYTES = 256;

    /** Human sentences and free values: reasons, error messages, argument and system-info values. */
    public static final int TEXT_BYTES = 4096;

    /** Enrollment tokens and account session tokens. */
    public static final int TOKEN_BYTES = 1024;

    /** An encoded public key (X.509 SubjectPublicKeyInfo): Ed25519 takes 44 bytes, RSA-4096 about 550. */
    public static final int PUBLIC_KEY_BYTES = 2048;

    public static final int SIGNATURE_BYTES = 1024;

    public static final int NONCE_MIN_BYTES = 16;

    public static final int NONCE_MAX_BYTES = 64;

    public static final int PREVIEW_IMAGE_BYTES = 4 * 1024 * 1024;

    /** Preview images are at most this wide and high (an unsigned 16-bit value on the wire). */
    public static final int IMAGE_DIMENSION = 0xFFFF;

    public static final int COMMAND_ARGUMENTS = 256;

    public static final int COMMAND_PAYLOAD_BYTES = 8 * 1024 * 1024;

    public static final int SYSTEM_INFO_SECTIONS = 64;

    public static final int SYSTEM_INFO_ENTRIES = 512;

    public static final int HEARTBEAT_INTERVAL_MAX_SECONDS = 3600;

    /** Monitors of one display layout. */
    public static final int MONITORS = 16;

    /** Tiles of one frame update: a 7680x4320 screen in 64x64 tiles is 8,100. */
    public static final int FRAME_TILES = 65_535;

    /** A tile is at most this wide and high. */
    public static final int TILE_DIMENSION = 1024;

    /** Encoded bytes of one tile (raw RGB of the largest tile, plus zlib's worst-case overhead). */
    public static final int TILE_BYTES = 3 * 1024 * 1024 + 4096;

    public static final int CURSOR_DIMENSION = 256;

    public static final int CLIPBOARD_BYTES = 1024 * 1024;

    public static final int FILE_CHUNK_BYTES = 256 * 1024;

    public static final int FILE_LIST_ENTRIES = 10_000;

    private Limits() {
    }
}
