/* Stand-in for bcryptprimitives.dll, which Wine 8 lacks and cryptography's Rust extension imports (ProcessPrng,
 * used by Rust's standard library for random numbers). Installed into the Wine prefix's system32 for the CI
 * build only, never into the program. The bytes come from the system RNG through Wine's bcrypt. */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE buffer, SIZE_T size)
{
    while (size > 0) {
        ULONG chunk = size > 0x40000000 ? 0x40000000 : (ULONG)size;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, buffer, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
            return FALSE;
        buffer += chunk;
        size -= chunk;
    }
    return TRUE;
}
