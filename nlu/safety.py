"""Crisis keyword net: a crisis the model misses is still reported as crisis.

Patterns are on folded text (lower case, no accents) and written to need the first person or a
direct threat, so look-alikes ("I'm dead broke", "je suis mort de rire") don't match them.
"""
from __future__ import annotations

import re

from nlu.lexicon import fold

_PATTERNS = {
    "en": r"""kill(ing)? my ?self|\bkms\b|end(ing)? (my|it) (life|all)|suicid|(want|wanna|going) to die|better off dead
        |(hurt|hurting|cut|cutting) my ?self|overdos|took (all|too many) (my |of my )?(pills|meds)|not breathing
        |can'?t breathe|chest pain|bleeding (a lot|bad)|\bin danger\b|not safe (at home|here)|afraid for my life
        |(hits?|hitting|beat(s|ing)?|chok(es|ing)|abus(es|ing)) me\b|raped|(has|got) a (gun|knife)
        |(kill|hurt|shoot|stab) (him|her|them|someone|somebody|you)\b|domestic violence|(threaten\w*) to kill
        |\bending it\b|stopped breathing|(choking|strangling) me|going to kill me|gonna kill me
        |don'?t want to (live(?! (here|there|in|with|near|at|on|by|alone))|be alive|wake up)|no reason to live|point (of|in) (living|going on)|end(ing)? my life
        |(swallowed|took|drank) (a (whole )?bottle of|all (of )?my|my whole|bleach)|(won'?t|not|isn'?t) waking up
        |unresponsive|turning blue|having a (seizure|heart attack)|(got|been|was) (stabbed|shot)\b|(kill|hurt) me if
        |plan to (kill|end|hurt)|jump(ing)? (off|from)\b|on the (roof|bridge|ledge) (and|thinking)|hang myself
        |can'?t (keep|stay) (myself )?safe|strangled me|suicide note|scared for my life|(he|she)'?s hitting me
        |suicidal|slit my wrists?|threatened to kill me|trying to kill me|sexually (assaulted|abused)|kidnapped""",
    "es": r"""matarme|suicid|quiero morir|me quiero morir|quitarme la vida|acabar con (todo|mi vida)|hacerme dano
        |me corte|sobredosis|me (pega|golpea|golpeo|esta golpeando|maltrata|ahorca)|viola(da|do|ron|cion)
        |no respira|no puedo respirar|(dolor de|me duele el) pecho|sangrando mucho|en peligro
        |no estoy segur[oa]|(lo|la|los) voy a matar|violencia domestica|amenaza con matar
        |tiene (una pistola|un arma|un cuchillo)
        |dejo de respirar|me va a matar|quitarme la vida|me esta (ahorcando|atacando)|(lastimar|herir) a alguien
        |no quiero (vivir(?! (aqui|alli|alla|en|con|cerca|sol))|seguir viviendo|despertar)|(me tome|me trague) (un frasco|todas|todo el medicamento|cloro)
        |no (despierta|reacciona)|inconsciente|convulsion|infarto|me (apunalaron|dispararon|estrangulo)
        |plan para matarme|ahorcarme|(saltar|aventarme) (del|de un)|temo por mi vida|no puedo estar a salvo
        |ideas suicidas|irme de este mundo|(estaria|seria|estoy) mejor muert[oa]|mejor me muero
        |me voy a (colgar|aventar|tirar (del|de un|por la ventana|a las vias|al tren|al metro))
        |me corte las venas|me quiere(n)? matar|amenazo con matarme|abusaron (sexualmente )?de|me secuestraron
        |hombre armado|convulsion""",
    "fr": r"""me tuer|suicid|je veux mourir|en finir|me faire du mal|me suis coupee?|overdose|surdose
        |(me|m'a) (frappe|bat|battu|etrangle)|violee?\b|ne respire (pas|plus)|peux pas respirer
        |mal a la poitrine|saigne beaucoup|en danger|pas en securite|peur pour ma vie|vais (le|la|les) tuer
        |violence conjugale|menace de me tuer|(a|avec) (une arme|un couteau|un fusil)
        |respire plus|va me tuer|m'enlever la vie|m'etrangle|m'attaque|(blesser|tuer) quelqu'un
        |veux (plus|pas) vivre(?! (ici|la|a|avec|dans|chez|en|seul|pres))|mettre fin a mes jours|(se|me) reveille pas|inconscient|crise (d'epilepsie|cardiaque)
        |poignarde|tire dessus|(j'ai )?avale (une bouteille|tous|toutes)|eau de javel|me pendre|sauter (du|d'un) (pont|toit)
        |plan pour me tuer|m'a etranglee?|peur pour ma vie|pas rester en securite
        |idees (noires|suicidaires)|me foutre en l'air|me jeter (sous|du|d'un|par)|ouvert les veines
        |veut me tuer|menacee? de mort|agressee? sexuellement|homme arme|convulsion|surdose|on m'a enlevee?""",
}
_CRISIS = re.compile("|".join("(?:" + re.sub(r"\s*\n\s*", "", p) + ")" for p in _PATTERNS.values()))


def is_crisis(text: str) -> bool:
    return bool(_CRISIS.search(fold(text)))
