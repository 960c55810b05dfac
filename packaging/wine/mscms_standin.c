/* Stand-in for mscms.dll: Wine 8's lacks WcsCreateIccProfile, which Qt 6.12's qwindows.dll imports.
 * Placed only next to a scratch copy of the program for the Xvfb run (WINEDLLOVERRIDES mscms=n,b).
 * No colour profiles: Qt then treats the screen as sRGB. */
#include <windows.h>

#define EXPORT __declspec(dllexport)

EXPORT HANDLE WINAPI OpenColorProfileW(void *profile, DWORD access, DWORD share, DWORD creation)
{
    (void)profile; (void)access; (void)share; (void)creation;
    SetLastError(ERROR_NOT_SUPPORTED);
    return NULL;
}

EXPORT BOOL WINAPI CloseColorProfile(HANDLE profile) { (void)profile; return TRUE; }

EXPORT BOOL WINAPI GetColorProfileFromHandle(HANDLE profile, BYTE *buffer, DWORD *size)
{
    (void)profile; (void)buffer; (void)size;
    SetLastError(ERROR_NOT_SUPPORTED);
    return FALSE;
}

EXPORT HANDLE WINAPI WcsCreateIccProfile(HANDLE wcs_profile, DWORD options)
{
    (void)wcs_profile; (void)options;
    SetLastError(ERROR_NOT_SUPPORTED);
    return NULL;
}
