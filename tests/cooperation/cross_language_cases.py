"""Cooperation offers in five languages and requests on their subjects in Polish, French and
English, for tests/cooperation/test_cross_language_offers.py.

Written, and committed, before any of it was run through the encoder: the subjects were chosen
to be distinct from one another and from the demo CORDIS calls, with a few near neighbours on
purpose (methane from coal mines and from cattle; two kinds of water pollution; two kinds of
security), and requests were phrased as someone seeking, in other words than the offer's.

Pre-registered expectation (before the first run): the same-subject offer in the top 3 for at
least 80% of the requests in each request language.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Offer:
    subject: str
    language: str
    title: str
    text: str


@dataclass(frozen=True)
class Request:
    subject: str  # the subject of the one offer it should find
    pl: str
    fr: str
    en: str


OFFERS = [
    # French
    Offer(
        "heat_pumps",
        "fr",
        "Pompes à chaleur géothermiques pour bâtiments collectifs",
        "Notre bureau d'études conçoit et installe des pompes à chaleur sol-eau pour les "
        "immeubles d'habitation et les écoles, avec forages et suivi de performance.",
    ),
    Offer(
        "titanium_implants",
        "fr",
        "Implants orthopédiques en titane imprimés en 3D",
        "Fabrication additive par fusion laser de prothèses de hanche et d'implants crâniens sur "
        "mesure à partir du scanner du patient.",
    ),
    Offer(
        "drug_residues",
        "fr",
        "Élimination des résidus de médicaments dans les eaux usées",
        "Procédé d'ozonation et de charbon actif pour les stations d'épuration, qui retire les "
        "antibiotiques et les hormones avant le rejet en rivière.",
    ),
    Offer(
        "cheese",
        "fr",
        "Affinage des fromages au lait cru",
        "Notre laboratoire accompagne les fromageries dans la maîtrise des ferments, de "
        "l'humidité des caves et de la sécurité microbiologique pendant l'affinage.",
    ),
    Offer(
        "rail_inspection",
        "fr",
        "Inspection des voies ferrées par ultrasons",
        "Un wagon de mesure détecte les fissures internes des rails et l'usure des aiguillages à "
        "vitesse commerciale.",
    ),
    Offer(
        "forest_fires",
        "fr",
        "Détection précoce des feux de forêt",
        "Réseau de caméras infrarouges sur des tours de guet et algorithme qui alerte les "
        "pompiers dans les premières minutes d'un départ de feu.",
    ),
    Offer(
        "fall_detection",
        "fr",
        "Détection des chutes des personnes âgées à domicile",
        "Capteur radar discret, sans caméra, qui prévient la famille ou le service d'aide quand "
        "une personne âgée tombe chez elle.",
    ),
    Offer(
        "oysters",
        "fr",
        "Élevage d'huîtres et mortalité estivale",
        "Station expérimentale conchylicole : sélection de naissains résistants aux virus et "
        "suivi de la qualité de l'eau dans les parcs ostréicoles.",
    ),
    Offer(
        "museum_vr",
        "fr",
        "Visites de musées en réalité virtuelle",
        "Numérisation des collections et parcours immersifs avec casque pour les musées d'art et "
        "d'histoire.",
    ),
    Offer(
        "wind_noise",
        "fr",
        "Réduction du bruit des éoliennes",
        "Profils de pales et dentelures de bord de fuite qui diminuent le bruit aérodynamique "
        "perçu par les riverains des parcs éoliens.",
    ),
    Offer(
        "perovskites",
        "fr",
        "Cellules solaires pérovskites en tandem",
        "Dépôt de couches pérovskites sur des cellules en silicium pour dépasser 30 % de "
        "rendement, et essais de vieillissement.",
    ),
    Offer(
        "sign_language",
        "fr",
        "Traduction automatique de la langue des signes",
        "Application qui reconnaît la langue des signes française filmée par un téléphone et la "
        "traduit en texte.",
    ),
    # Polish
    Offer(
        "beehives",
        "pl",
        "Monitoring zdrowia rodzin pszczelich",
        "Opracowaliśmy czujniki w ulach, które mierzą temperaturę, wilgotność i dźwięk, i "
        "ostrzegają pszczelarza przed chorobą lub rójką.",
    ),
    Offer(
        "mine_methane",
        "pl",
        "Wychwyt metanu z kopalń węgla",
        "Instalacje odzyskujące metan z szybów wentylacyjnych kopalń i spalające go w silnikach "
        "gazowych do produkcji prądu.",
    ),
    Offer(
        "orchard_frost",
        "pl",
        "Ochrona sadów przed przymrozkami",
        "Zraszacze i czujniki temperatury w sadach jabłoniowych, które włączają ochronę kwiatów "
        "przed wiosennym mrozem.",
    ),
    Offer(
        "welding_robots",
        "pl",
        "Zrobotyzowane spawanie w stoczniach",
        "Integrujemy roboty spawalnicze do łączenia grubych blach kadłubów statków, z "
        "programowaniem offline.",
    ),
    Offer(
        "peatlands",
        "pl",
        "Odtwarzanie torfowisk",
        "Przywracamy wysoki poziom wody na osuszonych torfowiskach, by zatrzymać emisję "
        "dwutlenku węgla i przywrócić rzadkie gatunki.",
    ),
    Offer(
        "speech_recognition",
        "pl",
        "Rozpoznawanie mowy dla języka polskiego",
        "Model zamieniający nagrania rozmów na tekst, trenowany na polskich nagraniach z call "
        "center i sądów.",
    ),
    Offer(
        "carbon_bikes",
        "pl",
        "Ramy rowerowe z włókna węglowego",
        "Projektujemy i laminujemy lekkie ramy rowerów szosowych i górskich z kompozytów "
        "węglowych, z badaniami zmęczeniowymi.",
    ),
    Offer(
        "dental_ceramics",
        "pl",
        "Ceramika dentystyczna na korony i mosty",
        "Frezowane bloczki z tlenku cyrkonu dla pracowni protetycznych, w kilkunastu odcieniach.",
    ),
    Offer(
        "maths_learning",
        "pl",
        "Platforma do nauki matematyki dla szkół podstawowych",
        "Zadania dopasowane do poziomu ucznia i raporty postępów dla nauczycieli.",
    ),
    Offer(
        "oak_furniture",
        "pl",
        "Projektowanie mebli z drewna dębowego",
        "Stoły, krzesła i szafy z litego dębu na zamówienie, wykańczane olejem.",
    ),
    # English
    Offer(
        "ship_detection",
        "en",
        "Satellite radar detection of vessels",
        "We process Sentinel-1 radar images to locate ships that switch off their transponders, "
        "for coast guards and fisheries control.",
    ),
    Offer(
        "spent_grain",
        "en",
        "Food ingredients from brewers' spent grain",
        "Our pilot plant turns the wet grain left after brewing into protein flour and fibre for "
        "bakeries.",
    ),
    Offer(
        "quantum_keys",
        "en",
        "Quantum key distribution over fibre",
        "Our devices exchange encryption keys using single photons, so that eavesdropping on the "
        "link is detected; tested on a 50 km metropolitan network.",
    ),
    Offer(
        "cattle_methane",
        "en",
        "Feed additive that cuts methane from cattle",
        "A seaweed-based supplement added to dairy cow rations reduces enteric methane; we run "
        "feeding trials with farms.",
    ),
    Offer(
        "indoor_air",
        "en",
        "Indoor air quality monitoring in offices",
        "Wireless sensors for CO2, particulates and volatile organic compounds, with a dashboard "
        "that tells facility managers when to ventilate.",
    ),
    Offer(
        "microplastics",
        "en",
        "Sampling microplastics in rivers",
        "Field kits and laboratory analysis that count plastic fragments below 5 mm in river "
        "water and sediments.",
    ),
    Offer(
        "home_batteries",
        "en",
        "Home battery storage for rooftop solar",
        "Software that charges household batteries when solar output is high and sells power "
        "back to the grid at peak prices.",
    ),
    Offer(
        "cyberbullying",
        "en",
        "Keeping children safe from cyberbullying",
        "Workshops for schools and parents, and a reporting app that helps pupils ask for help "
        "when they are harassed online.",
    ),
    # German
    Offer(
        "timber_buildings",
        "de",
        "Mehrgeschossiger Holzbau",
        "Wir planen und fertigen Wohngebäude bis zu zehn Stockwerken aus Brettsperrholz, im Werk "
        "vorgefertigt.",
    ),
    Offer(
        "leg_prostheses",
        "de",
        "Beinprothesen mit Mikroprozessorknie",
        "Entwicklung von Prothesen für Oberschenkelamputierte, deren Kniegelenk sich dem Gang "
        "anpasst.",
    ),
    Offer(
        "avalanches",
        "de",
        "Lawinenwarnung für Skigebiete",
        "Schneedeckenmodelle und Wetterstationen, die die Lawinengefahr für Pisten und "
        "Bergstraßen vorhersagen.",
    ),
    # Spanish
    Offer(
        "olive_waste",
        "es",
        "Biogás a partir de residuos de almazara",
        "Digestores que convierten el alperujo de la producción de aceite de oliva en biogás y "
        "fertilizante.",
    ),
    Offer(
        "mosquitoes",
        "es",
        "Vigilancia de mosquitos transmisores del dengue",
        "Trampas inteligentes que cuentan e identifican mosquitos tigre y avisan a los servicios "
        "de salud pública.",
    ),
    Offer(
        "desalination",
        "es",
        "Desalación de agua de mar con energía solar",
        "Plantas pequeñas de ósmosis inversa alimentadas por paneles solares para islas y "
        "pueblos costeros.",
    ),
]

REQUESTS = [
    # on offers in French
    Request(
        "heat_pumps",
        "Szukamy firmy, która zaprojektuje ogrzewanie budynku szkoły gruntową pompą ciepła.",
        "Nous cherchons une entreprise pour concevoir le chauffage d'une école par pompe à "
        "chaleur géothermique.",
        "Looking for a company to design ground-source heat pump heating for a school building.",
    ),
    Request(
        "titanium_implants",
        "Szukamy producenta spersonalizowanych implantów kostnych drukowanych z metalu na "
        "podstawie tomografii pacjenta.",
        "Nous cherchons un fabricant d'implants osseux personnalisés imprimés en métal à partir "
        "de la tomographie du patient.",
        "Looking for a manufacturer of patient-specific bone implants printed in metal from CT "
        "scans.",
    ),
    Request(
        "drug_residues",
        "Jak usunąć pozostałości leków ze ścieków w miejskiej oczyszczalni? Szukamy partnera "
        "technologicznego.",
        "Comment retirer les résidus pharmaceutiques des effluents d'une station d'épuration "
        "municipale ? Nous cherchons un partenaire technologique.",
        "How to remove pharmaceutical residues from municipal sewage treatment effluent? We seek "
        "a technology partner.",
    ),
    Request(
        "cheese",
        "Serowarnia szuka ekspertów od dojrzewania serów i kultur bakteryjnych.",
        "Une fromagerie cherche des experts de la maturation des fromages et des cultures "
        "bactériennes.",
        "A cheese dairy seeks experts in cheese maturing and bacterial starter cultures.",
    ),
    Request(
        "rail_inspection",
        "Szukamy systemu do wykrywania pęknięć szyn kolejowych w trakcie jazdy pociągu.",
        "Nous cherchons un système pour repérer les fissures des rails pendant la circulation "
        "des trains.",
        "We are looking for a system to spot cracks in railway rails while trains are running.",
    ),
    Request(
        "forest_fires",
        "Potrzebujemy wczesnego ostrzegania przed pożarami lasów dla nadleśnictwa.",
        "Nous avons besoin d'une alerte précoce des incendies de forêt pour un office forestier.",
        "We need early warning of wildfires for a forestry office.",
    ),
    Request(
        "fall_detection",
        "Szukamy rozwiązania, które powiadomi opiekuna, gdy starsza osoba mieszkająca samotnie "
        "się przewróci.",
        "Nous cherchons une solution qui prévienne un aidant quand une personne âgée vivant "
        "seule fait une chute.",
        "We seek a solution that alerts a carer when an elderly person living alone falls.",
    ),
    Request(
        "oysters",
        "Hodowca małży szuka badań nad odpornością ostryg na choroby wirusowe.",
        "Un éleveur de coquillages cherche des recherches sur la résistance des huîtres aux "
        "maladies virales.",
        "A shellfish farmer looks for research on oyster resistance to viral diseases.",
    ),
    # on offers in Polish
    Request(
        "beehives",
        "Potrzebujemy technologii do zdalnego wykrywania chorób w pasiekach.",
        "Nous avons besoin d'une technologie pour détecter à distance les maladies des abeilles "
        "dans les ruchers.",
        "We need technology to remotely detect diseases of honey bees in apiaries.",
    ),
    Request(
        "mine_methane",
        "Szukamy technologii wykorzystania gazu z pokładów węglowych zamiast wypuszczania go do "
        "atmosfery.",
        "Nous cherchons une technologie pour valoriser le gaz des mines de charbon au lieu de le "
        "rejeter dans l'atmosphère.",
        "We seek technology to use gas from coal mines instead of venting it to the atmosphere.",
    ),
    Request(
        "orchard_frost",
        "Sadownik szuka sposobu na ochronę kwitnących jabłoni przed wiosennymi przymrozkami.",
        "Un arboriculteur cherche comment protéger les pommiers en fleur contre les gelées de "
        "printemps.",
        "A fruit grower seeks a way to protect blossoming apple trees from spring frost.",
    ),
    Request(
        "welding_robots",
        "Stocznia szuka automatyzacji spawania sekcji kadłuba.",
        "Un chantier naval cherche à automatiser le soudage des blocs de coque.",
        "A shipyard wants to automate the welding of hull blocks.",
    ),
    Request(
        "peatlands",
        "Park narodowy szuka partnera do ponownego nawodnienia osuszonych bagien.",
        "Un parc national cherche un partenaire pour réhumidifier des tourbières drainées.",
        "A national park seeks a partner to rewet drained peat bogs.",
    ),
    Request(
        "speech_recognition",
        "Potrzebujemy automatycznej transkrypcji nagrań rozpraw sądowych.",
        "Nous avons besoin de la transcription automatique des enregistrements d'audiences "
        "judiciaires.",
        "We need automatic transcription of court hearing recordings.",
    ),
    Request(
        "carbon_bikes",
        "Producent rowerów szuka dostawcy lekkich ram kompozytowych.",
        "Un fabricant de vélos cherche un fournisseur de cadres légers en composite.",
        "A bicycle maker looks for a supplier of lightweight composite frames.",
    ),
    # on offers in English
    Request(
        "ship_detection",
        "Straż przybrzeżna szuka sposobu na wykrywanie z obrazów satelitarnych statków "
        "prowadzących nielegalne połowy.",
        "Des garde-côtes cherchent à repérer par satellite les navires qui pêchent illégalement.",
        "A coast guard wants to spot vessels fishing illegally from satellite images.",
    ),
    Request(
        "spent_grain",
        "Browar szuka zastosowania dla młóta browarnianego zamiast oddawania go jako paszy.",
        "Une brasserie cherche une utilisation des drêches de brasserie autre que "
        "l'alimentation animale.",
        "A brewery seeks a use for its spent grain other than animal feed.",
    ),
    Request(
        "quantum_keys",
        "Bank szuka kryptografii kwantowej do zabezpieczenia łączy światłowodowych między "
        "centrami danych.",
        "Une banque cherche de la cryptographie quantique pour sécuriser les liaisons par fibre "
        "optique entre ses centres de données.",
        "A bank seeks quantum cryptography to secure fibre links between its data centres.",
    ),
    Request(
        "cattle_methane",
        "Gospodarstwo mleczne chce ograniczyć emisje gazów cieplarnianych z trawienia krów.",
        "Une exploitation laitière veut réduire les émissions de gaz à effet de serre dues à la "
        "digestion des vaches.",
        "A dairy farm wants to reduce greenhouse gas emissions from cows' digestion.",
    ),
    Request(
        "indoor_air",
        "Zarządca biurowca szuka czujników jakości powietrza w pomieszczeniach.",
        "Le gestionnaire d'un immeuble de bureaux cherche des capteurs de la qualité de l'air "
        "intérieur.",
        "An office building manager seeks indoor air quality sensors.",
    ),
    # on offers in German
    Request(
        "timber_buildings",
        "Deweloper szuka partnera do budowy wielopiętrowego budynku mieszkalnego z drewna "
        "klejonego krzyżowo.",
        "Un promoteur cherche un partenaire pour construire un immeuble de logements de "
        "plusieurs étages en bois lamellé-croisé.",
        "A developer seeks a partner to build a multi-storey residential building from "
        "cross-laminated timber.",
    ),
    Request(
        "leg_prostheses",
        "Szukamy partnera do rozwoju protez nóg dla osób po amputacji.",
        "Nous cherchons un partenaire pour développer des prothèses de jambe pour les personnes "
        "amputées.",
        "We seek a partner to develop leg prostheses for amputees.",
    ),
    # on offers in Spanish
    Request(
        "olive_waste",
        "Tłocznia oliwy szuka sposobu na przetwarzanie odpadów z produkcji oliwy na energię.",
        "Un moulin à huile cherche à transformer les déchets de la production d'huile d'olive "
        "en énergie.",
        "An olive oil mill seeks a way to turn its production waste into energy.",
    ),
    Request(
        "mosquitoes",
        "Służby sanitarne szukają monitoringu komarów przenoszących choroby tropikalne.",
        "Les services sanitaires cherchent une surveillance des moustiques vecteurs de maladies "
        "tropicales.",
        "Health services seek surveillance of mosquitoes that spread tropical diseases.",
    ),
]
