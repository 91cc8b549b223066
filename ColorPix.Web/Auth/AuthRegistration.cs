using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ColorPix.Core.Data;
using ColorPix.Web.Storage.Metadata;

namespace ColorPix.Web.Auth;

public static class AuthRegistration
{
    public const string AdminPolicy = "admin";

    /// <summary>Signed JWT bearer tokens (issuer, audience, lifetime checked), an admin role, ASP.NET Core's
    /// PasswordHasher, and the first admin account.</summary>
    public static IHostApplicationBuilder AddColorPixAuth(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.SigningKey.Length is 0 or >= 32, "Auth:SigningKey must be at least 32 characters (or empty to share a generated one through the database)")
            .Validate(o => PasswordRules.UsernameProblem(o.AdminUsername) is null, "Auth:AdminUsername is not a valid username")
            .ValidateOnStart();
        services.AddSingleton<SigningKeyProvider>();
        services.AddHostedService<SigningKeyStartup>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TokenService>((o, tokens) =>
        {
            o.MapInboundClaims = false;   // keep "sub" and "unique_name" as issued
            o.TokenValidationParameters = tokens.ValidationParameters();
            // A signed, unexpired token of a deleted account must not open anything: the account must still exist.
            o.Events = new JwtBearerEvents
            {
                OnTokenValidated = async context =>
                {
                    var users = context.HttpContext.RequestServices.GetRequiredService<IUserStore>();
                    var id = context.Principal?.FindFirst("sub")?.Value;
                    if (!long.TryParse(id, System.Globalization.CultureInfo.InvariantCulture, out var userId)
                        || await users.FindByIdAsync(userId, context.HttpContext.RequestAborted) is null)
                        context.Fail("this account no longer exists");
                },
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, p => p.RequireRole(TokenService.AdminRole));
        services.AddHostedService<AdminBootstrap>();
        return builder;
    }
}

/// <summary>At start, when no admin exists, creates one from Auth:AdminUsername / Auth:AdminPassword, or with a
/// generated password printed once: never a password written in the source.</summary>
internal sealed class AdminBootstrap(IUserStore users, IPasswordHasher<UserAccount> hasher, IOptions<AuthOptions> options,
    TimeProvider clock, ILogger<AdminBootstrap> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await users.CountAdminsAsync(cancellationToken) > 0) return;
        var o = options.Value;
        var generated = o.AdminPassword.Length == 0;
        var password = generated ? Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18)) : o.AdminPassword;
        if (PasswordRules.PasswordProblem(password, o.MinPasswordLength) is { } problem)
            throw new OptionsValidationException(AuthOptions.Section, typeof(AuthOptions), [$"Auth:AdminPassword: {problem}"]);
        var existing = await users.FindByUsernameAsync(o.AdminUsername, cancellationToken);
        if (existing is not null)
        {
            await users.SetAdminAsync(existing.Id, true, cancellationToken);
            log.LogWarning("no administrator existed: user {User} is now one", existing.Username);
            return;
        }
        var hash = hasher.HashPassword(null!, password);
        await users.CreateAsync(new NewUser(o.AdminUsername, hash, IsAdmin: true, clock.GetUtcNow()), cancellationToken);
        if (generated)
            Console.Error.WriteLine($"colorpix: created administrator '{o.AdminUsername}' with password: {password}  (shown once; change it with POST /user_password)");
        else
            log.LogInformation("created administrator {User} from configuration", o.AdminUsername);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
