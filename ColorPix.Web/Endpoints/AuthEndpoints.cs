using ColorPix.Web.Auth;
using ColorPix.Web.Hosting;
using ColorPix.Web.Storage.Metadata;
using ColorPix.Web.Storage.Objects;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using System.Security.Claims;

namespace ColorPix.Web.Endpoints;

/// <summary>Sign up, sign in (OAuth2 password form), change password, delete an account.</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("").WithTags(ApiTags.Auth);
        auth.MapPost("/token", Token).WithName("signIn").ProducesProblems(400, 401).DisableAntiforgery().RequireRateLimiting(RateLimits.Login)
            .WithSummary("Sign in: OAuth2 password form (username, password) -> bearer token");
        auth.MapPost("/add_user", SignUp).WithName("signUp").ProducesProblems(400, 409).RequireRateLimiting(RateLimits.Login).WithSummary("Create an account");
        auth.MapPost("/user_password", ChangePassword).WithName("changePassword").ProducesProblems(400, 403).RequireAuthorization().RequireRateLimiting(RateLimits.Login)
            .WithSummary("Change one's password");
        auth.MapDelete("/del_user", DeleteUser).WithName("deleteUser").ProducesProblems(403, 404, 409).RequireAuthorization().RequireRateLimiting(RateLimits.PerUser)
            .WithSummary("Delete one's own account (an admin may pass ?username= to delete another), with its images");
        return app;
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Token([FromForm] string? username, [FromForm] string? password,
        IUserStore users, IPasswordHasher<UserAccount> hasher, TokenService tokens, CancellationToken ct)
    {
        var user = username is null ? null : await users.FindByUsernameAsync(username, ct);
        // One answer for an unknown user and a wrong password: the response must not reveal which usernames exist.
        if (user is null || password is null || hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
            return Problems.Unauthorized("wrong username or password");
        var token = tokens.Issue(user.Id, user.Username, user.IsAdmin);
        return TypedResults.Ok(new TokenResponse(token.AccessToken, "bearer", (int)(token.ExpiresAt - DateTimeOffset.UtcNow).TotalSeconds, token.ExpiresAt));
    }

    public static async Task<Results<Created<UserResponse>, ProblemHttpResult>> SignUp(SignUpRequest request, IUserStore users,
        IPasswordHasher<UserAccount> hasher, IOptions<AuthOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (PasswordRules.UsernameProblem(request.Username) is { } nameProblem) return Problems.BadRequest(nameProblem);
        if (PasswordRules.PasswordProblem(request.Password, options.Value.MinPasswordLength, request.Username) is { } passwordProblem)
            return Problems.BadRequest(passwordProblem);
        try
        {
            var account = await users.CreateAsync(new NewUser(request.Username!, hasher.HashPassword(null!, request.Password!), IsAdmin: false, clock.GetUtcNow()), ct);
            return TypedResults.Created("/user_imgs", ToResponse(account.ToSummary()));
        }
        catch (DuplicateUsernameException e)
        {
            return Problems.Conflict(e.Message);
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ChangePassword(ChangePasswordRequest request, ClaimsPrincipal principal,
        IUserStore users, IPasswordHasher<UserAccount> hasher, IOptions<AuthOptions> options, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(principal.Id(), ct);
        if (user is null) return Problems.Unauthorized("this account no longer exists");
        if (request.CurrentPassword is null || hasher.VerifyHashedPassword(user, user.PasswordHash, request.CurrentPassword) == PasswordVerificationResult.Failed)
            return Problems.Forbidden("the current password is wrong");
        if (PasswordRules.PasswordProblem(request.NewPassword, options.Value.MinPasswordLength, user.Username) is { } problem)
            return Problems.BadRequest(problem);
        await users.UpdatePasswordHashAsync(user.Id, hasher.HashPassword(user, request.NewPassword!), ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteUser(string? username, ClaimsPrincipal principal, IUserStore users,
        IObjectStore objects, CancellationToken ct)
    {
        var caller = await users.FindByIdAsync(principal.Id(), ct);
        if (caller is null) return Problems.Unauthorized("this account no longer exists");
        var target = caller;
        if (username is not null && !username.Equals(caller.Username, StringComparison.OrdinalIgnoreCase))
        {
            if (!caller.IsAdmin) return Problems.Forbidden("only an administrator may delete another account");
            target = await users.FindByUsernameAsync(username, ct);
            if (target is null) return Problems.NotFound($"no user '{username}'");
        }
        if (target.IsAdmin && await users.CountAdminsAsync(ct) <= 1)
            return Problems.Conflict("the last administrator cannot be deleted");
        // Rows first (one transaction), then their objects: a failure between leaves orphans for the sweeper, never dangling rows.
        var deleted = await users.DeleteAsync(target.Id, ct);
        if (deleted is not null) await objects.DeleteAllAsync(deleted.Keys, ct);
        return TypedResults.NoContent();
    }

    internal static UserResponse ToResponse(UserSummary u) =>
        new(u.Id, u.Username, u.IsAdmin, PreferredModelCodes.ToCode(u.PreferredModel), u.DefaultConsent, u.CreatedAt);
}
