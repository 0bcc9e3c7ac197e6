from gongkai.orgs.access import roles_of


def staff_roles(request):
    """The roles of the logged-in user, so the back-office menu offers only what the user may open.

    Menus only hide links: every view checks permission again on the server.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not request.path.startswith("/manage/"):
        return {}
    return {"staff_roles": roles_of(user)}
