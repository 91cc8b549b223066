using System.Globalization;
using System.Security.Claims;

namespace ColorPix.Web.Endpoints;

public static class CurrentUser
{
    /// <summary>The signed-in user's id, from the token's "sub" claim.</summary>
    public static long Id(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue("sub") ?? throw new InvalidOperationException("no user id in token"), CultureInfo.InvariantCulture);
}
