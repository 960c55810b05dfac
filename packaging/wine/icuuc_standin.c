/* Stand-in for Windows' icuuc.dll, which Wine 8 lacks and PySide6 >= 6.10's Qt6Core.dll imports.
 * Installed into the Wine prefix's system32 for the CI build only, never into the program.
 * Every converter fails to open, so Qt falls back to its built-in codecs. */
#include <stdint.h>
#include <stddef.h>

#define EXPORT __declspec(dllexport)

typedef int UErrorCode;
enum { U_ZERO_ERROR = 0, U_UNSUPPORTED_ERROR = 16 };

static void fail(UErrorCode *status)
{
    if (status && *status <= U_ZERO_ERROR)
        *status = U_UNSUPPORTED_ERROR;
}

EXPORT void *ucnv_open(const char *name, UErrorCode *status) { (void)name; fail(status); return NULL; }
EXPORT void ucnv_close(void *cnv) { (void)cnv; }
EXPORT void ucnv_reset(void *cnv) { (void)cnv; }
EXPORT int8_t ucnv_getMaxCharSize(const void *cnv) { (void)cnv; return 1; }
EXPORT const char *ucnv_getName(const void *cnv, UErrorCode *status) { (void)cnv; fail(status); return NULL; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }

EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *status)
{
    (void)name; (void)standard; fail(status); return NULL;
}

EXPORT int32_t ucnv_toUCountPending(const void *cnv, UErrorCode *status) { (void)cnv; fail(status); return 0; }
EXPORT int32_t ucnv_fromUCountPending(const void *cnv, UErrorCode *status) { (void)cnv; fail(status); return 0; }

EXPORT void ucnv_getToUCallBack(const void *cnv, void **action, const void **context)
{
    (void)cnv; if (action) *action = NULL; if (context) *context = NULL;
}

EXPORT void ucnv_getFromUCallBack(const void *cnv, void **action, const void **context)
{
    (void)cnv; if (action) *action = NULL; if (context) *context = NULL;
}

EXPORT void ucnv_setToUCallBack(void *cnv, void *action, const void *context, void **old_action,
                                const void **old_context, UErrorCode *status)
{
    (void)cnv; (void)action; (void)context; (void)old_action; (void)old_context; fail(status);
}

EXPORT void ucnv_setFromUCallBack(void *cnv, void *action, const void *context, void **old_action,
                                  const void **old_context, UErrorCode *status)
{
    (void)cnv; (void)action; (void)context; (void)old_action; (void)old_context; fail(status);
}

EXPORT void ucnv_toUnicode(void *cnv, uint16_t **target, const uint16_t *target_limit, const char **source,
                           const char *source_limit, int32_t *offsets, int8_t flush, UErrorCode *status)
{
    (void)cnv; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets; (void)flush;
    fail(status);
}

EXPORT void ucnv_fromUnicode(void *cnv, char **target, const char *target_limit, const uint16_t **source,
                             const uint16_t *source_limit, int32_t *offsets, int8_t flush, UErrorCode *status)
{
    (void)cnv; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets; (void)flush;
    fail(status);
}

EXPORT void ucnv_cbToUWriteUChars(void *args, const uint16_t *source, int32_t length, int32_t offset_index,
                                  UErrorCode *status)
{
    (void)args; (void)source; (void)length; (void)offset_index; fail(status);
}

EXPORT void ucnv_cbFromUWriteUChars(void *args, const uint16_t **source, const uint16_t *source_limit,
                                    int32_t offset_index, UErrorCode *status)
{
    (void)args; (void)source; (void)source_limit; (void)offset_index; fail(status);
}

EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const uint16_t *code_units,
                                            int32_t length, int32_t code_point, int reason, UErrorCode *status)
{
    (void)context; (void)args; (void)code_units; (void)length; (void)code_point; (void)reason; fail(status);
}

EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const char *code_units,
                                          int32_t length, int reason, UErrorCode *status)
{
    (void)context; (void)args; (void)code_units; (void)length; (void)reason; fail(status);
}
