using System.Net;
using ColorPix.Tests.Api.Infrastructure;
using ColorPix.Web.Auth;
using Microsoft.Extensions.Options;

namespace ColorPix.Tests.Api;

public sealed class AuthTests
{
    private static readonly string[] AdminRoutes = ["/show_users", "/show_models", "/models/decisions"];

    private static IEnumerable<TestCaseData> BadSignUps() =>
    [
        new TestCaseData("bob-short", "short1").SetName("Sign_up_with_a_short_password_is_400"),
        new TestCaseData("bob name", ApiServer.Password).SetName("Sign_up_with_a_space_in_the_username_is_400"),
        new TestCaseData("bøb", ApiServer.Password).SetName("Sign_up_with_a_non_ascii_username_is_400"),
        new TestCaseData("bo", ApiServer.Password).SetName("Sign_up_with_a_two_letter_username_is_400"),
        new TestCaseData("bob-contains", "bob-contains-pw-123").SetName("Sign_up_with_the_username_in_the_password_is_400"),
    ];

    [TestCaseSource(nameof(AdminRoutes))]
    public async Task Admin_route_without_a_token_is_401(string route)
    {
        var server = await ApiServers.Shared;
        await (await server.Anonymous.GetAsync(route)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [TestCaseSource(nameof(AdminRoutes))]
    public async Task Admin_route_with_a_user_token_is_403(string route)
    {
        var server = await ApiServers.Shared;
        var user = await server.SignUpAsync();
        await (await user.GetAsync(route)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Expired_token_is_401()
    {
        var server = await ApiServers.Shared;
        var user = await server.SignUpAsync();
        (await user.GetAsync("/user_imgs")).StatusCode.Should().Be(HttpStatusCode.OK);
        // Issued two hours ago with the service's own key and a 60-minute lifetime: valid in every way but time.
        var twoHoursAgo = new FixedClock(DateTimeOffset.UtcNow.AddHours(-2));
        var tokens = new TokenService(server.Service<IOptions<AuthOptions>>(), server.Service<SigningKeyProvider>(), twoHoursAgo);
        var account = await server.Service<Web.Storage.Metadata.IUserStore>().FindByUsernameAsync(user.Username, CancellationToken.None);
        var expired = tokens.Issue(account!.Id, account.Username, isAdmin: false).AccessToken;

        await (await user.WithToken(expired).GetAsync("/user_imgs")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Token_with_a_tampered_signature_is_401()
    {
        var server = await ApiServers.Shared;
        var user = await server.SignUpAsync();
        var tampered = user.Token![..^4] + (user.Token.EndsWith("AAAA") ? "BBBB" : "AAAA");
        await (await user.WithToken(tampered).GetAsync("/user_imgs")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [TestCaseSource(nameof(BadSignUps))]
    public async Task Refused_sign_up(string username, string password)
    {
        var server = await ApiServers.Shared;
        var before = await server.CountRowsAsync("users");
        await (await server.Anonymous.SignUpAsync(username, password)).ProblemAsync(HttpStatusCode.BadRequest);
        (await server.CountRowsAsync("users")).Should().Be(before);
    }

    [TestCase("upper")]
    [TestCase("same")]
    public async Task Sign_up_with_a_taken_username_in_any_case_is_409(string variant)
    {
        var server = await ApiServers.Shared;
        var taken = (await server.SignUpAsync("carol")).Username;
        var again = variant == "upper" ? taken.ToUpperInvariant() : taken;
        var problem = await (await server.Anonymous.SignUpAsync(again, ApiServer.Password + "x")).ProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().Should().Contain("already taken");
        (await server.CountRowsAsync("users", "username_key = @key", new { key = taken.ToLowerInvariant() })).Should().Be(1);
    }

    [Test]
    public async Task Wrong_password_and_unknown_user_get_the_same_401()
    {
        var server = await ApiServers.Shared;
        var user = await server.SignUpAsync();
        var wrongPassword = await (await server.Anonymous.TokenAsync(user.Username, "not-the-password-1")).ProblemAsync(HttpStatusCode.Unauthorized);
        var unknownUser = await (await server.Anonymous.TokenAsync("nobody-" + Guid.NewGuid().ToString("N")[..8], "not-the-password-1"))
            .ProblemAsync(HttpStatusCode.Unauthorized);
        wrongPassword.WithoutTraceId().Should().Be(unknownUser.WithoutTraceId());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
