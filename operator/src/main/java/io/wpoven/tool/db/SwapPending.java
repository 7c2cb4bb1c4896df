package io.wpoven.tool.db;

import io.wpoven.tool.ToolException;

/**
 * A swap cut short after its journal was written: nothing may be cleaned up (the scratch tables, the staged files and
 * the originals are what the next run finishes the swap with).
 */
public final class SwapPending extends ToolException {
    public SwapPending(String message, Throwable cause) {
        super(message, cause);
    }
}
