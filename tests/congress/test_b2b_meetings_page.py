from django.urls import reverse

from helisa.congress.services import b2b_meetings


def test_my_meetings_name_only_the_others_without_a_stray_comma(
    client, congress, organiser, people
):
    a, b, c, _d = people
    b2b_meetings.add_meeting(congress=congress, participants=[a, b, c], by=organiser)
    for me, others in [(a, [b, c]), (c, [a, b])]:
        client.force_login(me.registration.user)
        page = client.get(reverse("congress:b2b_meetings", args=[congress.slug])).content.decode()
        named = ", ".join(f"{p.registration.name_on_badge} ({p.organisation})" for p in others)
        assert f"<td>{named}\n" in page
        assert me.registration.name_on_badge not in page
