<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr">
<context>
    <name>AsyncPage</name>
    <message>
        <source>Something went wrong: %1</source>
        <translation>Une erreur s'est produite : %1</translation>
    </message>
</context>
<context>
    <name>CheckRow</name>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>How to fix: %1</source>
        <translation>Comment corriger : %1</translation>
    </message>
    <message>
        <source>Details and fix</source>
        <translation>Détails et correction</translation>
    </message>
</context>
<context>
    <name>EnablePage</name>
    <message>
        <source>Enable nested virtualization</source>
        <translation>Activer la virtualisation imbriquée</translation>
    </message>
    <message>
        <source>Microsoft's &amp;script (Enable-NestedVm.ps1)</source>
        <translation>Le s&amp;cript de Microsoft (Enable-NestedVm.ps1)</translation>
    </message>
    <message>
        <source>&amp;Direct settings (cmdlets; also fixes the configuration version)</source>
        <translation>Paramètres &amp;directs (applets de commande ; corrige aussi la version de configuration)</translation>
    </message>
    <message>
        <source>Turn on &amp;MAC address spoofing (nested VMs on a bridged network)</source>
        <translation>Activer l'usurpation d'adresse &amp;MAC (machines virtuelles imbriquées sur un réseau ponté)</translation>
    </message>
    <message>
        <source>Set startup memory to &amp;4 GB when it is less</source>
        <translation>Porter la mémoire de démarrage à &amp;4 Go si elle est inférieure</translation>
    </message>
    <message>
        <source>Shut the VM down or discard its saved state when needed</source>
        <translation>Arrêter la machine virtuelle ou supprimer son état enregistré si nécessaire</translation>
    </message>
    <message>
        <source>Upgrade the configuration version when needed (cannot be undone)</source>
        <translation>Mettre à niveau la version de configuration si nécessaire (irréversible)</translation>
    </message>
    <message>
        <source>&amp;View script…</source>
        <translation>&amp;Afficher le script…</translation>
    </message>
    <message>
        <source>D&amp;ownload</source>
        <translation>&amp;Télécharger</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>Annuler le téléchargement</translation>
    </message>
    <message>
        <source>&amp;Import from file…</source>
        <translation>&amp;Importer depuis un fichier…</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Exécuter</translation>
    </message>
    <message>
        <source>What runs on the host appears here.</source>
        <translation>Ce qui s'exécute sur l'hôte apparaît ici.</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>What the VM needs</source>
        <translation>Ce dont la machine virtuelle a besoin</translation>
    </message>
    <message>
        <source>Microsoft's script</source>
        <translation>Script de Microsoft</translation>
    </message>
    <message>
        <source>Reading the virtual machines…</source>
        <translation>Lecture des machines virtuelles…</translation>
    </message>
    <message>
        <source>This host has no virtual machine yet; create one first.</source>
        <translation>Cet hôte n'a encore aucune machine virtuelle ; créez-en une d'abord.</translation>
    </message>
    <message>
        <source>✓ Nothing to change: nesting is already set up.</source>
        <translation>✓ Rien à modifier : la virtualisation imbriquée est déjà configurée.</translation>
    </message>
    <message>
        <source>Download or import the script first, or use direct settings.</source>
        <translation>Téléchargez ou importez d'abord le script, ou utilisez les paramètres directs.</translation>
    </message>
    <message>
        <source>The settings are read back afterwards; the result appears below.</source>
        <translation>Les paramètres sont relus ensuite ; le résultat s'affiche ci-dessous.</translation>
    </message>
    <message>
        <source>Not downloaded yet. Download it (pinned to the commit that last changed it, checked by SHA-256) or import a copy from a file.</source>
        <translation>Pas encore téléchargé. Téléchargez-le (épinglé sur le commit qui l'a modifié en dernier, vérifié par SHA-256) ou importez une copie depuis un fichier.</translation>
    </message>
    <message>
        <source>pinned version</source>
        <translation>version épinglée</translation>
    </message>
    <message>
        <source>accepted by you, not a known version</source>
        <translation>acceptée par vous, version inconnue</translation>
    </message>
    <message>
        <source>%1 — %2
SHA-256 %3
Source: %4</source>
        <translation>%1 — %2
SHA-256 %3
Source : %4</translation>
    </message>
    <message>
        <source>There is no virtual machine to enable nesting in.</source>
        <translation>Il n'y a aucune machine virtuelle dans laquelle activer la virtualisation imbriquée.</translation>
    </message>
    <message>
        <source>Choose the virtual machine that will run Hyper-V.</source>
        <translation>Choisissez la machine virtuelle qui exécutera Hyper-V.</translation>
    </message>
    <message>
        <source>'%1' must be shut down before its settings change: tick "Shut the VM down or discard its saved state when needed", or shut it down yourself and read the list again.</source>
        <translation>« %1 » doit être arrêtée avant que ses paramètres changent : cochez « Arrêter la machine virtuelle ou supprimer son état enregistré si nécessaire », ou arrêtez-la vous-même puis relisez la liste.</translation>
    </message>
    <message>
        <source>'%1' needs a newer configuration version: tick "Upgrade the configuration version when needed" (it cannot be undone), or choose another VM.</source>
        <translation>« %1 » nécessite une version de configuration plus récente : cochez « Mettre à niveau la version de configuration si nécessaire » (irréversible), ou choisissez une autre machine virtuelle.</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>Téléchargement de %1…</translation>
    </message>
    <message>
        <source>Downloaded and verified: SHA-256 %1.</source>
        <translation>Téléchargé et vérifié : SHA-256 %1.</translation>
    </message>
    <message>
        <source>Download cancelled; nothing was saved.</source>
        <translation>Téléchargement annulé ; rien n'a été enregistré.</translation>
    </message>
    <message>
        <source>Import Enable-NestedVm.ps1</source>
        <translation>Importer Enable-NestedVm.ps1</translation>
    </message>
    <message>
        <source>PowerShell scripts (*.ps1);;All files (*)</source>
        <translation>Scripts PowerShell (*.ps1);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>You accepted %1 with SHA-256 %2 (not a known version).</source>
        <translation>Vous avez accepté %1 avec le SHA-256 %2 (version inconnue).</translation>
    </message>
    <message>
        <source>Import of %1 refused: SHA-256 %2 is not a known version.</source>
        <translation>Importation de %1 refusée : le SHA-256 %2 ne correspond à aucune version connue.</translation>
    </message>
    <message>
        <source>Not imported: the file is not a known version of the script.</source>
        <translation>Non importé : le fichier n'est pas une version connue du script.</translation>
    </message>
    <message>
        <source>Imported: SHA-256 %1.</source>
        <translation>Importé : SHA-256 %1.</translation>
    </message>
    <message>
        <source>ERROR: %1</source>
        <translation>ERREUR : %1</translation>
    </message>
    <message>
        <source>WARNING: %1</source>
        <translation>AVERTISSEMENT : %1</translation>
    </message>
    <message>
        <source>Microsoft's script needs an elevated session: run NestWiz as administrator, or use direct settings.</source>
        <translation>Le script de Microsoft nécessite une session avec élévation : exécutez NestWiz en tant qu'administrateur, ou utilisez les paramètres directs.</translation>
    </message>
    <message>
        <source>Choose the outer VM, then how to enable nesting in it. When its settings are not all in place yet, Next runs the chosen method and reads them back first.</source>
        <translation>Choisissez la machine virtuelle externe, puis la façon d'y activer la virtualisation imbriquée. Tant que ses paramètres ne sont pas tous en place, Suivant exécute d'abord la méthode choisie et relit les paramètres.</translation>
    </message>
    <message>
        <source>Working on %1…</source>
        <translation>Traitement de %1…</translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>&lt;p&gt;Target: &lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;PowerShell round trips: %2 (%3 s in all).&lt;/p&gt;</source>
        <translation>&lt;p&gt;Cible : &lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Allers-retours PowerShell : %2 (%3 s au total).&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>GuestHyperVPage</name>
    <message>
        <source>Hyper-V inside the outer VM</source>
        <translation>Hyper-V dans la VM externe</translation>
    </message>
    <message>
        <source>Client editions get the Hyper-V optional feature; Windows Server gets the Hyper-V role, and the optional feature when the role fails to install. Windows restarts once or twice to finish; NestWiz waits for the guest after each restart with a new PowerShell Direct session.</source>
        <translation>Les éditions client reçoivent la fonctionnalité facultative Hyper-V ; Windows Server reçoit le rôle Hyper-V, ou la fonctionnalité facultative si l'installation du rôle échoue. Windows redémarre une ou deux fois pour terminer ; après chaque redémarrage, NestWiz attend le système invité avec une nouvelle session PowerShell Direct.</translation>
    </message>
    <message>
        <source>Check and install &amp;again</source>
        <translation>Vérifier et installer à &amp;nouveau</translation>
    </message>
    <message>
        <source>The guest, before the install and after each restart:</source>
        <translation>Le système invité, avant l'installation et après chaque redémarrage :</translation>
    </message>
    <message>
        <source>NestWiz checks the guest of %1 as it checked the host, installs Hyper-V in it if needed, and restarts it. Work in the guest that is not saved is lost.</source>
        <translation>NestWiz vérifie le système invité de %1 comme il a vérifié l'hôte, y installe Hyper-V si nécessaire, puis le redémarre. Le travail non enregistré dans le système invité sera perdu.</translation>
    </message>
    <message>
        <source>Go back to the guest page: the guest's credentials are needed.</source>
        <translation>Revenez à la page du système invité : les informations d'identification de l'invité sont nécessaires.</translation>
    </message>
    <message>
        <source>The guest's checks, as for the host:</source>
        <translation>Les vérifications du système invité, comme pour l'hôte :</translation>
    </message>
    <message>
        <source>Hyper-V is not verified inside the outer VM yet.</source>
        <translation>Hyper-V n'a pas encore été vérifié dans la VM externe.</translation>
    </message>
</context>
<context>
    <name>GuestPage</name>
    <message>
        <source>The guest operating system</source>
        <translation>Le système d'exploitation invité</translation>
    </message>
    <message>
        <source>On the simulated host, the guest's password is filled in for you.</source>
        <translation>Sur l'hôte simulé, le mot de passe de l'invité est renseigné pour vous.</translation>
    </message>
    <message>
        <source>Outer VM:</source>
        <translation>VM externe :</translation>
    </message>
    <message>
        <source>Guest &amp;user:</source>
        <translation>&amp;Utilisateur de l'invité :</translation>
    </message>
    <message>
        <source>Guest &amp;password:</source>
        <translation>&amp;Mot de passe de l'invité :</translation>
    </message>
    <message>
        <source>The guest OS is &amp;already installed</source>
        <translation>Le système invité est &amp;déjà installé</translation>
    </message>
    <message>
        <source>&amp;Install it now from the VM's ISO (in the VM's console)</source>
        <translation>L'&amp;installer maintenant à partir de l'ISO de la VM (dans la console de la VM)</translation>
    </message>
    <message>
        <source>The guest OS has not answered yet: press Start and check.</source>
        <translation>Le système invité n'a pas encore répondu : appuyez sur « Démarrer et vérifier ».</translation>
    </message>
    <message>
        <source>No outer VM is chosen yet: go back to the Outer VM page.</source>
        <translation>Aucune VM externe n'est encore choisie : revenez à la page VM externe.</translation>
    </message>
    <message>
        <source>Install the guest operating system in the console window:
1. When the VM starts from the ISO, press a key to boot from the DVD.
2. Install Windows (Windows Server 2016 or later, or Windows 10/11 Pro or Enterprise).
3. Set the Administrator password, and sign in once so the account's profile exists.
4. Meanwhile NestWiz waits for each stage below; Next moves on once the guest answers.</source>
        <translation>Installez le système d'exploitation invité dans la fenêtre de console :
1. Quand la machine virtuelle démarre sur l'ISO, appuyez sur une touche pour démarrer à partir du DVD.
2. Installez Windows (Windows Server 2016 ou version ultérieure, ou Windows 10/11 Pro ou Entreprise).
3. Définissez le mot de passe Administrateur, puis ouvrez une session une fois pour que le profil du compte existe.
4. Pendant ce temps, NestWiz attend chaque étape ci-dessous ; Suivant continue dès que l'invité répond.</translation>
    </message>
    <message>
        <source>&amp;Start and check</source>
        <translation>Démarrer et &amp;vérifier</translation>
    </message>
    <message>
        <source>Open the &amp;console</source>
        <translation>Ouvrir la &amp;console</translation>
    </message>
    <message>
        <source>NestWiz starts the outer VM if it is off and waits for its operating system, stage by stage, each with its own time limit. Next installs Hyper-V inside it.</source>
        <translation>NestWiz démarre la VM externe si elle est arrêtée et attend son système d'exploitation, étape par étape, chacune avec son propre délai. Suivant y installe Hyper-V.</translation>
    </message>
    <message>
        <source>Type the user name and password of an administrator of the guest OS.</source>
        <translation>Tapez le nom d'utilisateur et le mot de passe d'un administrateur du système invité.</translation>
    </message>
    <message>
        <source>Next starts %1 and installs its OS from the ISO (simulated), with the account above; then it waits for the guest.</source>
        <translation>Suivant démarre %1 et installe son système d'exploitation depuis l'ISO (simulé), avec le compte ci-dessus ; puis il attend l'invité.</translation>
    </message>
    <message>
        <source>Next starts %1 and opens its console: install the OS there with the account above, and NestWiz waits for the guest.</source>
        <translation>Suivant démarre %1 et ouvre sa console : installez-y le système d'exploitation avec le compte ci-dessus, et NestWiz attend l'invité.</translation>
    </message>
    <message>
        <source>Type the guest's password, then press Start and check.</source>
        <translation>Tapez le mot de passe de l'invité, puis cliquez sur Démarrer et vérifier.</translation>
    </message>
</context>
<context>
    <name>HostPage</name>
    <message>
        <source>The host</source>
        <translation>L'ordinateur hôte</translation>
    </message>
    <message>
        <source>&amp;Copy report</source>
        <translation>&amp;Copier le rapport</translation>
    </message>
    <message>
        <source>Copy a plain-text report for a support ticket</source>
        <translation>Copier un rapport en texte brut pour une demande d'assistance</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>Enable Hyper-V</source>
        <translation>Activer Hyper-V</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>Redémarrer maintenant</translation>
    </message>
    <message>
        <source>Restart NestWiz as administrator</source>
        <translation>Redémarrer NestWiz en tant qu'administrateur</translation>
    </message>
    <message>
        <source>Checking the host…</source>
        <translation>Vérification de l'hôte…</translation>
    </message>
    <message>
        <source>Next is disabled. %1</source>
        <translation>Suivant est désactivé. %1</translation>
    </message>
    <message>
        <source>This host can run a VM that runs Hyper-V.</source>
        <translation>Cet hôte peut exécuter une VM qui exécute Hyper-V.</translation>
    </message>
    <message>
        <source>Fix the failed checks below before going on.</source>
        <translation>Corrigez les vérifications en échec ci-dessous avant de continuer.</translation>
    </message>
    <message>
        <source>NestWiz could not check everything; see the checks marked with a question mark.</source>
        <translation>NestWiz n'a pas pu tout vérifier ; consultez les vérifications marquées d'un point d'interrogation.</translation>
    </message>
    <message>
        <source>Working: %1…</source>
        <translation>En cours : %1…</translation>
    </message>
    <message>
        <source>NestWiz continues in a new window, as administrator.</source>
        <translation>NestWiz continue dans une nouvelle fenêtre, en tant qu'administrateur.</translation>
    </message>
    <message>
        <source>Hyper-V is enabled. Windows must restart to finish: use “Restart now”.</source>
        <translation>Hyper-V est activé. Windows doit redémarrer pour terminer : utilisez « Redémarrer maintenant ».</translation>
    </message>
    <message>
        <source>The report is on the clipboard.</source>
        <translation>Le rapport a été copié dans le Presse-papiers.</translation>
    </message>
    <message>
        <source>The host has not been checked yet.</source>
        <translation>L'hôte n'a pas encore été vérifié.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Run &amp;again</source>
        <translation>&amp;Relancer</translation>
    </message>
</context>
<context>
    <name>InnerVmPage</name>
    <message>
        <source>The inner VM and its network</source>
        <translation>La VM interne et son réseau</translation>
    </message>
    <message>
        <source>&amp;Create &gt;</source>
        <translation>&amp;Créer &gt;</translation>
    </message>
    <message>
        <source>&amp;NAT inside the outer VM (works everywhere, static addresses)</source>
        <translation>&amp;NAT dans la VM externe (fonctionne partout, adresses statiques)</translation>
    </message>
    <message>
        <source>&amp;Bridged to the outer VM's network (needs MAC address spoofing)</source>
        <translation>P&amp;ont vers le réseau de la VM externe (nécessite l'usurpation d'adresses MAC)</translation>
    </message>
    <message>
        <source>S&amp;witch name:</source>
        <translation>Nom du comm&amp;utateur :</translation>
    </message>
    <message>
        <source>NAT &amp;prefix:</source>
        <translation>Pré&amp;fixe NAT :</translation>
    </message>
    <message>
        <source>Network for the inner VMs</source>
        <translation>Réseau des VM internes</translation>
    </message>
    <message>
        <source> GB</source>
        <translation> Go</translation>
    </message>
    <message>
        <source>Inner VM &amp;name:</source>
        <translation>Nom de la VM int&amp;erne :</translation>
    </message>
    <message>
        <source>&amp;Memory:</source>
        <translation>&amp;Mémoire :</translation>
    </message>
    <message>
        <source>Installation &amp;ISO (on the host):</source>
        <translation>&amp;ISO d'installation (sur l'hôte) :</translation>
    </message>
    <message>
        <source>The inner VM</source>
        <translation>La VM interne</translation>
    </message>
    <message>
        <source>Use plain ASCII letters, digits and punctuation in network settings.</source>
        <translation>Utilisez uniquement des lettres, chiffres et signes de ponctuation ASCII dans les paramètres réseau.</translation>
    </message>
    <message>
        <source>MAC address spoofing is off on %1's adapters; Create turns it on at the host.</source>
        <translation>L'usurpation d'adresses MAC est désactivée sur les cartes de %1 ; Créer l'active sur l'hôte.</translation>
    </message>
    <message>
        <source>Choose how the inner VMs reach the network, and the first inner VM. Nothing changes until you press Create.</source>
        <translation>Choisissez comment les VM internes accèdent au réseau, ainsi que la première VM interne. Rien n'est modifié tant que vous n'avez pas cliqué sur Créer.</translation>
    </message>
    <message>
        <source>Go back to the guest page: the guest's credentials are needed.</source>
        <translation>Revenez à la page du système invité : les informations d'identification de l'invité sont nécessaires.</translation>
    </message>
    <message>
        <source>Reading the outer VM's memory, its network and the host's ISO files…</source>
        <translation>Lecture de la mémoire et du réseau de la VM externe, et des fichiers ISO de l'hôte…</translation>
    </message>
    <message>
        <source>%1 has %2 of static memory; an inner VM can have up to %3.</source>
        <translation>%1 dispose de %2 de mémoire statique ; une VM interne peut avoir jusqu'à %3.</translation>
    </message>
    <message>
        <source>The outer VM has not been read yet.</source>
        <translation>La VM externe n'a pas encore été lue.</translation>
    </message>
    <message>
        <source>Name the switch for the inner VMs.</source>
        <translation>Nommez le commutateur des VM internes.</translation>
    </message>
</context>
<context>
    <name>NestWizard</name>
    <message>
        <source>NestWiz — Hyper-V nested virtualization</source>
        <translation>NestWiz — Virtualisation imbriquée Hyper-V</translation>
    </message>
    <message>
        <source>&amp;Support</source>
        <translation>Ass&amp;istance</translation>
    </message>
</context>
<context>
    <name>OuterVmPage</name>
    <message>
        <source>The outer VM</source>
        <translation>La machine virtuelle externe</translation>
    </message>
    <message>
        <source>&amp;Create a new VM</source>
        <translation>Créer une &amp;nouvelle machine virtuelle</translation>
    </message>
    <message>
        <source>&amp;Prepare an existing VM</source>
        <translation>Préparer une machine virtuelle e&amp;xistante</translation>
    </message>
    <message>
        <source> GB</source>
        <translation> Go</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouveau</translation>
    </message>
    <message>
        <source>Existing</source>
        <translation>Existant</translation>
    </message>
    <message>
        <source>Windows (virtual TPM, Secure Boot)</source>
        <translation>Windows (TPM virtuel, démarrage sécurisé)</translation>
    </message>
    <message>
        <source>Windows 11, Windows 10 or Windows Server: Windows 11 requires the TPM and Secure Boot.</source>
        <translation>Windows 11, Windows 10 ou Windows Server : Windows 11 exige le TPM et le démarrage sécurisé.</translation>
    </message>
    <message>
        <source>Windows without a virtual TPM</source>
        <translation>Windows sans TPM virtuel</translation>
    </message>
    <message>
        <source>Windows 10 or Windows Server without a virtual TPM, with Secure Boot.</source>
        <translation>Windows 10 ou Windows Server sans TPM virtuel, avec le démarrage sécurisé.</translation>
    </message>
    <message>
        <source>Linux (Secure Boot with the Microsoft UEFI CA)</source>
        <translation>Linux (démarrage sécurisé avec l'autorité de certification UEFI de Microsoft)</translation>
    </message>
    <message>
        <source>Linux, with Secure Boot trusting the Microsoft UEFI CA.</source>
        <translation>Linux, avec un démarrage sécurisé qui fait confiance à l’autorité UEFI de Microsoft.</translation>
    </message>
    <message>
        <source>MAC address spoofing (nested VMs on this switch)</source>
        <translation>Usurpation d'adresse MAC (machines virtuelles imbriquées sur ce commutateur)</translation>
    </message>
    <message>
        <source>NAT inside the VM</source>
        <translation>NAT dans la machine virtuelle</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Production</translation>
    </message>
    <message>
        <source>ProductionOnly</source>
        <translation>Production uniquement</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Désactivés</translation>
    </message>
    <message>
        <source>Automatic checkpoint at each start</source>
        <translation>Point de contrôle automatique à chaque démarrage</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>N&amp;om :</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Dossier :</translation>
    </message>
    <message>
        <source>Processors:</source>
        <translation>Processeurs :</translation>
    </message>
    <message>
        <source>&amp;Memory (static):</source>
        <translation>&amp;Mémoire (statique) :</translation>
    </message>
    <message>
        <source>Disk:</source>
        <translation>Disque :</translation>
    </message>
    <message>
        <source>Disk &amp;path:</source>
        <translation>Chemin du dis&amp;que :</translation>
    </message>
    <message>
        <source>&amp;ISO:</source>
        <translation>&amp;ISO :</translation>
    </message>
    <message>
        <source>&amp;Switch:</source>
        <translation>Commut&amp;ateur :</translation>
    </message>
    <message>
        <source>&amp;Guest:</source>
        <translation>S&amp;ystème invité :</translation>
    </message>
    <message>
        <source>Net&amp;working:</source>
        <translation>&amp;Réseau :</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>&amp;Version :</translation>
    </message>
    <message>
        <source>Chec&amp;kpoints:</source>
        <translation>Points de contrô&amp;le :</translation>
    </message>
    <message>
        <source>Plan: the commands Create (or Next) will run, in order</source>
        <translation>Plan : les commandes que Créer (ou Suivant) exécutera, dans l'ordre</translation>
    </message>
    <message>
        <source>Create a VM that can run Hyper-V, or prepare one you have. Next creates the VM from the plan, or applies the fixes you ticked, before it moves on.</source>
        <translation>Créez une machine virtuelle capable d'exécuter Hyper-V, ou préparez-en une existante. Suivant crée la machine virtuelle selon le plan, ou applique les corrections cochées, avant de continuer.</translation>
    </message>
    <message>
        <source>Creating the VM stopped: %1</source>
        <translation>La création de la VM s'est arrêtée : %1</translation>
    </message>
    <message>
        <source>This run created, and the host may still have: %1.</source>
        <translation>Cette exécution a créé, et l'hôte a peut-être encore : %1.</translation>
    </message>
    <message>
        <source>Nothing this run created is left on the host.</source>
        <translation>Rien de ce que cette exécution a créé ne reste sur l'hôte.</translation>
    </message>
    <message>
        <source>Left in place: %1.</source>
        <translation>Laissé en place : %1.</translation>
    </message>
    <message>
        <source>Something still blocks nesting in '%1': tick the fixes you agree to (Next applies them), or choose another VM.</source>
        <translation>Un élément empêche encore la virtualisation imbriquée dans « %1 » : cochez les corrections que vous acceptez (Suivant les applique), ou choisissez une autre machine virtuelle.</translation>
    </message>
    <message>
        <source>The ticked fixes ran, but something still blocks nesting in '%1'; see the list.</source>
        <translation>Les corrections cochées ont été exécutées, mais un élément empêche encore la virtualisation imbriquée dans « %1 » ; consultez la liste.</translation>
    </message>
    <message>
        <source>&amp;Save plan…</source>
        <translation>Enre&amp;gistrer le plan…</translation>
    </message>
    <message>
        <source>&amp;Create &gt;</source>
        <translation>&amp;Créer &gt;</translation>
    </message>
    <message>
        <source>&amp;Load plan…</source>
        <translation>C&amp;harger un plan…</translation>
    </message>
    <message>
        <source>&amp;Export script…</source>
        <translation>&amp;Exporter le script…</translation>
    </message>
    <message>
        <source>C&amp;reate</source>
        <translation>&amp;Créer</translation>
    </message>
    <message>
        <source>Remove &amp;what was created</source>
        <translation>S&amp;upprimer ce qui a été créé</translation>
    </message>
    <message>
        <source>&amp;Fix the ticked items</source>
        <translation>&amp;Corriger les éléments cochés</translation>
    </message>
    <message>
        <source>Read a&amp;gain</source>
        <translation>&amp;Relire</translation>
    </message>
    <message>
        <source>What blocks nesting; tick each fix you agree to:</source>
        <translation>Ce qui bloque la virtualisation imbriquée ; cochez chaque correction que vous acceptez :</translation>
    </message>
    <message>
        <source>Reading the host's switches, ISO files and VMs…</source>
        <translation>Lecture des commutateurs, des fichiers ISO et des machines virtuelles de l'hôte…</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>(not connected)</source>
        <translation>(non connecté)</translation>
    </message>
    <message>
        <source>(host default)</source>
        <translation>(valeur par défaut de l'hôte)</translation>
    </message>
    <message>
        <source>&amp;Apply fixes &gt;</source>
        <translation>&amp;Appliquer les corrections &gt;</translation>
    </message>
    <message>
        <source>Nothing was created: fix the marked settings first.</source>
        <translation>Rien n'a été créé : corrigez d'abord les paramètres signalés.</translation>
    </message>
    <message>
        <source>The VM '%1' was created; it is ready for nesting.</source>
        <translation>La machine virtuelle '%1' a été créée ; elle est prête pour la virtualisation imbriquée.</translation>
    </message>
    <message>
        <source>Creating the VM failed halfway; see what is left on the host.</source>
        <translation>La création de la machine virtuelle a échoué en cours de route ; voyez ce qui reste sur l'hôte.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Removed: %1.</source>
        <translation>Supprimé : %1.</translation>
    </message>
    <message>
        <source>Everything this run created was removed; nothing else was touched.</source>
        <translation>Tout ce que cette exécution a créé a été supprimé ; rien d'autre n'a été modifié.</translation>
    </message>
    <message>
        <source>Some items could not be removed; see why above.</source>
        <translation>Certains éléments n'ont pas pu être supprimés ; voyez pourquoi ci-dessus.</translation>
    </message>
    <message>
        <source>Save plan</source>
        <translation>Enregistrer le plan</translation>
    </message>
    <message>
        <source>NestWiz plans (*.toml)</source>
        <translation>Plans NestWiz (*.toml)</translation>
    </message>
    <message>
        <source>Load plan</source>
        <translation>Charger un plan</translation>
    </message>
    <message>
        <source>Export script</source>
        <translation>Exporter le script</translation>
    </message>
    <message>
        <source>PowerShell scripts (*.ps1)</source>
        <translation>Scripts PowerShell (*.ps1)</translation>
    </message>
    <message>
        <source>Plan saved to %1.</source>
        <translation>Plan enregistré dans %1.</translation>
    </message>
    <message>
        <source>Plan loaded from %1; checking it against this host…</source>
        <translation>Plan chargé depuis %1 ; vérification par rapport à cet hôte…</translation>
    </message>
    <message>
        <source>Could not write the script: %1</source>
        <translation>Impossible d'écrire le script : %1</translation>
    </message>
    <message>
        <source>Script written to %1.</source>
        <translation>Script écrit dans %1.</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Correction : %1</translation>
    </message>
    <message>
        <source>✓ Nothing blocks nesting in this VM.</source>
        <translation>✓ Rien ne bloque la virtualisation imbriquée dans cette machine virtuelle.</translation>
    </message>
    <message>
        <source>Running %1</source>
        <translation>Exécution de %1</translation>
    </message>
    <message>
        <source>Done. Reading '%1' again…</source>
        <translation>Terminé. Nouvelle lecture de '%1'…</translation>
    </message>
    <message>
        <source>Choose the VM to prepare.</source>
        <translation>Choisissez la machine virtuelle à préparer.</translation>
    </message>
    <message>
        <source>Checking the plan against the host…</source>
        <translation>Vérification du plan par rapport à l'hôte…</translation>
    </message>
</context>
<context>
    <name>RemoteForm</name>
    <message>
        <source>hv01.lab.example or 10.0.0.5</source>
        <translation>hv01.lab.example ou 10.0.0.5</translation>
    </message>
    <message>
        <source>default (5986 HTTPS, 5985 HTTP)</source>
        <translation>par défaut (5986 HTTPS, 5985 HTTP)</translation>
    </message>
    <message>
        <source>Use &amp;HTTPS (recommended)</source>
        <translation>&amp;Utiliser HTTPS (recommandé)</translation>
    </message>
    <message>
        <source>&amp;Check the host's certificate</source>
        <translation>&amp;Vérifier le certificat de l'hôte</translation>
    </message>
    <message>
        <source>the system's trusted authorities</source>
        <translation>les autorités de confiance du système</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Negotiate (Kerberos or NTLM)</source>
        <translation>Negotiate (Kerberos ou NTLM)</translation>
    </message>
    <message>
        <source>Kerberos</source>
        <translation>Kerberos</translation>
    </message>
    <message>
        <source>NTLM</source>
        <translation>NTLM</translation>
    </message>
    <message>
        <source>CredSSP</source>
        <translation>CredSSP</translation>
    </message>
    <message>
        <source>Basic (HTTPS only)</source>
        <translation>Basic (HTTPS uniquement)</translation>
    </message>
    <message>
        <source>Client certificate (HTTPS only)</source>
        <translation>Certificat client (HTTPS uniquement)</translation>
    </message>
    <message>
        <source>LAB\administrator</source>
        <translation>LAB\administrateur</translation>
    </message>
    <message>
        <source>&amp;Remember the password in this computer's credential store</source>
        <translation>&amp;Enregistrer le mot de passe dans le magasin d'identifiants de cet ordinateur</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message>
        <source>H&amp;ost:</source>
        <translation>&amp;Hôte :</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>P&amp;ort :</translation>
    </message>
    <message>
        <source>CA file:</source>
        <translation>Autorité de certification :</translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation>&amp;Authentification :</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Nom d'utilisateur :</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>Client certificate (PEM):</source>
        <translation>Certificat client (PEM) :</translation>
    </message>
    <message>
        <source>Certificate key (PEM):</source>
        <translation>Clé du certificat (PEM) :</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>Certificat de l'autorité de certification</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificats (*.pem *.crt *.cer);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>ResumeOffer</name>
    <message>
        <source>Continue where you left off</source>
        <translation>Reprendre là où vous vous êtes arrêté</translation>
    </message>
    <message>
        <source>An earlier run stopped at: %1.</source>
        <translation>Une exécution précédente s'est arrêtée à l'étape : %1.</translation>
    </message>
    <message>
        <source>Outer VM: %1.</source>
        <translation>VM externe : %1.</translation>
    </message>
    <message>
        <source>NestWiz checks again what it finds before going on.</source>
        <translation>NestWiz revérifie ce qu'il trouve avant de continuer.</translation>
    </message>
    <message>
        <source>&amp;Continue where I left off</source>
        <translation>&amp;Reprendre là où je m'étais arrêté</translation>
    </message>
    <message>
        <source>Start &amp;over</source>
        <translation>Re&amp;commencer</translation>
    </message>
</context>
<context>
    <name>ScriptViewer</name>
    <message>
        <source>Enable-NestedVm.ps1 — read-only</source>
        <translation>Enable-NestedVm.ps1 — lecture seule</translation>
    </message>
    <message>
        <source>This is a pinned version of Microsoft's script.</source>
        <translation>Ceci est une version épinglée du script de Microsoft.</translation>
    </message>
    <message>
        <source>This file is NOT a known version of Microsoft's script. Read it whole; accept it only if you trust every line, because it will run with administrator rights on the Hyper-V host.</source>
        <translation>Ce fichier n'est PAS une version connue du script de Microsoft. Lisez-le en entier ; acceptez-le uniquement si vous faites confiance à chaque ligne, car il s'exécutera avec les droits d'administrateur sur l'hôte Hyper-V.</translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation>SHA-256 :</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Source :</translation>
    </message>
    <message>
        <source>&amp;Accept this file</source>
        <translation>&amp;Accepter ce fichier</translation>
    </message>
</context>
<context>
    <name>StageList</name>
    <message>
        <source>The virtual machine runs</source>
        <translation>La machine virtuelle s'exécute</translation>
    </message>
    <message>
        <source>The guest OS has booted (heartbeat)</source>
        <translation>Le système invité a démarré (pulsation)</translation>
    </message>
    <message>
        <source>PowerShell Direct accepts the guest's credentials</source>
        <translation>PowerShell Direct accepte les informations d'identification de l'invité</translation>
    </message>
    <message>
        <source>The guest answers a probe</source>
        <translation>Le système invité répond à une sonde</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>in progress…</source>
        <translation>en cours…</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Summary</source>
        <translation>Récapitulatif</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <source>&amp;Export as a PowerShell script…</source>
        <translation>&amp;Exporter en script PowerShell…</translation>
    </message>
    <message>
        <source>Open the &amp;log folder</source>
        <translation>Ouvrir le dossier des &amp;journaux</translation>
    </message>
    <message>
        <source>NestWiz creates the inner VM's network and the inner VM inside the outer VM, then sums up the whole path.</source>
        <translation>NestWiz crée le réseau de la VM interne et la VM interne dans la VM externe, puis récapitule l'ensemble du parcours.</translation>
    </message>
    <message>
        <source>Go back to the guest page: the guest's credentials are needed.</source>
        <translation>Revenez à la page du système invité : les informations d'identification de l'invité sont nécessaires.</translation>
    </message>
    <message>
        <source>Checking that the guest of %1 answers…</source>
        <translation>Vérification que le système invité de %1 répond…</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>host</source>
        <translation>hôte</translation>
    </message>
    <message>
        <source>inside the outer VM</source>
        <translation>dans la VM externe</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>(%1 s on the target)</source>
        <translation>(%1 s sur la cible)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Emplacement</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Target: %1. The chain took %2 s (%3 s of the target's time); %4 PowerShell round trips in all.</source>
        <translation>Cible : %1. La chaîne a pris %2 s (%3 s du temps de la cible) ; %4 allers-retours PowerShell au total.</translation>
    </message>
    <message>
        <source>Could not write the script: %1</source>
        <translation>Impossible d'écrire le script : %1</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 enregistré.</translation>
    </message>
    <message>
        <source>Export the path</source>
        <translation>Exporter le parcours</translation>
    </message>
    <message>
        <source>PowerShell scripts (*.ps1)</source>
        <translation>Scripts PowerShell (*.ps1)</translation>
    </message>
    <message>
        <source>The inner VM has not been created yet.</source>
        <translation>La VM interne n'a pas encore été créée.</translation>
    </message>
</context>
<context>
    <name>SupportMenu</name>
    <message>
        <source>Open &amp;log folder</source>
        <translation>Ouvrir le dossier des &amp;journaux</translation>
    </message>
    <message>
        <source>Save &amp;diagnostic bundle…</source>
        <translation>Enregistrer l'archive de &amp;diagnostic…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>Save diagnostic bundle</source>
        <translation>Enregistrer l'archive de diagnostic</translation>
    </message>
    <message>
        <source>Zip archives (*.zip)</source>
        <translation>Archives zip (*.zip)</translation>
    </message>
    <message>
        <source>Diagnostic bundle</source>
        <translation>Archive de diagnostic</translation>
    </message>
    <message>
        <source>Saved %1. Passwords and other secrets were removed.</source>
        <translation>Archive enregistrée : %1. Les mots de passe et autres secrets en ont été retirés.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>NestWiz will use %1 the next time it starts.</source>
        <translation>Langue choisie : %1. Elle s'appliquera au prochain démarrage de NestWiz.</translation>
    </message>
</context>
<context>
    <name>TargetPage</name>
    <message>
        <source>Where should NestWiz work?</source>
        <translation>Où NestWiz doit-il travailler ?</translation>
    </message>
    <message>
        <source>Choose the Hyper-V host that will run the outer virtual machine.</source>
        <translation>Choisissez l'hôte Hyper-V qui exécutera la machine virtuelle externe.</translation>
    </message>
    <message>
        <source>&amp;This computer</source>
        <translation>&amp;Cet ordinateur</translation>
    </message>
    <message>
        <source>A &amp;remote Hyper-V host (WinRM)</source>
        <translation>Un hôte Hyper-V &amp;distant (WinRM)</translation>
    </message>
    <message>
        <source>The &amp;simulated host (demo and training)</source>
        <translation>&amp;L'hôte simulé (démonstration et formation)</translation>
    </message>
    <message>
        <source>Hyper-V needs Windows; this computer runs another system.</source>
        <translation>Hyper-V nécessite Windows ; cet ordinateur exécute un autre système.</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>Pro&amp;fil :</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <source>Connected to %1: %2 (build %3).</source>
        <translation>Connecté à %1 : %2 (build %3).</translation>
    </message>
    <message>
        <source>Press Test connection to check that NestWiz can reach the host.</source>
        <translation>Cliquez sur Tester la connexion pour vérifier que NestWiz peut joindre l'hôte.</translation>
    </message>
    <message>
        <source>Choose a profile for the simulated host.</source>
        <translation>Choisissez un profil pour l'hôte simulé.</translation>
    </message>
    <message>
        <source>Choose where NestWiz should work.</source>
        <translation>Choisissez où NestWiz doit travailler.</translation>
    </message>
</context>
<context>
    <name>VmPicker</name>
    <message>
        <source>Virtual machine</source>
        <translation>Machine virtuelle</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>Génération</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Startup memory</source>
        <translation>Mémoire de démarrage</translation>
    </message>
    <message>
        <source>Nesting</source>
        <translation>Imbrication</translation>
    </message>
    <message>
        <source> (dynamic)</source>
        <translation> (dynamique)</translation>
    </message>
    <message>
        <source>exposed</source>
        <translation>exposées</translation>
    </message>
    <message>
        <source>off</source>
        <translation>non exposées</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to NestWiz</source>
        <translation>Bienvenue dans NestWiz</translation>
    </message>
    <message>
        <source>Set up a virtual machine that runs Hyper-V, with a virtual machine inside it.</source>
        <translation>Configurez une machine virtuelle qui exécute Hyper-V, avec une machine virtuelle à l'intérieur.</translation>
    </message>
    <message>
        <source>&lt;p&gt;NestWiz walks you through nested virtualization, step by step:&lt;/p&gt;&lt;ol&gt;&lt;li&gt;It checks that the computer can run Hyper-V inside a virtual machine, and says how to fix what cannot.&lt;/li&gt;&lt;li&gt;It prepares an outer virtual machine and turns nesting on.&lt;/li&gt;&lt;li&gt;It installs Hyper-V inside that machine, across its restarts.&lt;/li&gt;&lt;li&gt;It creates the inner virtual machine and its network.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Nothing changes until you confirm it, and every step can be resumed if it is interrupted.&lt;/p&gt;</source>
        <translation>&lt;p&gt;NestWiz vous guide pas à pas dans la virtualisation imbriquée :&lt;/p&gt;&lt;ol&gt;&lt;li&gt;Il vérifie que l'ordinateur peut exécuter Hyper-V dans une machine virtuelle et indique comment corriger ce qui l'en empêche.&lt;/li&gt;&lt;li&gt;Il prépare une machine virtuelle externe et y active l'imbrication.&lt;/li&gt;&lt;li&gt;Il installe Hyper-V dans cette machine, au fil de ses redémarrages.&lt;/li&gt;&lt;li&gt;Il crée la machine virtuelle interne et son réseau.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Rien n'est modifié sans votre confirmation, et chaque étape peut être reprise si elle est interrompue.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>apply</name>
    <message>
        <source>the VM '{target}'</source>
        <translation>la machine virtuelle '{target}'</translation>
    </message>
    <message>
        <source>the file {target}</source>
        <translation>le fichier {target}</translation>
    </message>
    <message>
        <source>All {count} steps finished.</source>
        <translation>Les {count} étapes sont terminées.</translation>
    </message>
    <message>
        <source>Step {number} of {count} failed: {step}.</source>
        <translation>L'étape {number} sur {count} a échoué : {step}.</translation>
    </message>
    <message>
        <source>Hyper-V said: {message}</source>
        <translation>Réponse de Hyper-V : {message}</translation>
    </message>
    <message>
        <source>This run created, and the host still has: {items}.</source>
        <translation>Cette exécution a créé, et l'hôte contient toujours : {items}.</translation>
    </message>
    <message>
        <source>Nothing this run created is left on the host.</source>
        <translation>Rien de ce que cette exécution a créé ne reste sur l'hôte.</translation>
    </message>
    <message>
        <source>another VM is also named '{name}' now, and Hyper-V removes VMs by name: remove the one with Id {id} in Hyper-V Manager</source>
        <translation>une autre machine virtuelle s'appelle désormais aussi '{name}', et Hyper-V supprime les machines virtuelles par leur nom : supprimez celle dont l'Id est {id} dans le Gestionnaire Hyper-V</translation>
    </message>
</context>
<context>
    <name>diagnose</name>
    <message>
        <source>This host can run a VM that runs Hyper-V.</source>
        <translation>Cet hôte peut exécuter une VM qui exécute Hyper-V.</translation>
    </message>
    <message>
        <source>Not ready: {sentence}</source>
        <translation>Pas prêt : {sentence}</translation>
    </message>
    <message>
        <source>The diagnosis is incomplete: {sentence}</source>
        <translation>Le diagnostic est incomplet : {sentence}</translation>
    </message>
    <message>
        <source>NestWiz host diagnosis</source>
        <translation>Diagnostic de l'hôte NestWiz</translation>
    </message>
    <message>
        <source>Target: {target}</source>
        <translation>Cible : {target}</translation>
    </message>
    <message>
        <source>Windows: {caption} (build {build}), edition ID {edition}, SKU {sku}</source>
        <translation>Windows : {caption} (build {build}), ID d'édition {edition}, SKU {sku}</translation>
    </message>
    <message>
        <source>Processor: {name} ({maker})</source>
        <translation>Processeur : {name} ({maker})</translation>
    </message>
    <message>
        <source>System: {maker} {model}</source>
        <translation>Système : {maker} {model}</translation>
    </message>
    <message>
        <source>Verdict: {verdict} — {summary}</source>
        <translation>Verdict : {verdict} — {summary}</translation>
    </message>
    <message>
        <source>facts: {facts}</source>
        <translation>informations : {facts}</translation>
    </message>
    <message>
        <source>NestWiz can do this</source>
        <translation>NestWiz peut s'en charger</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>manuellement</translation>
    </message>
    <message>
        <source>fix ({how}): {label}. {instructions}</source>
        <translation>correction ({how}) : {label}. {instructions}</translation>
    </message>
    <message>
        <source>Probe errors:</source>
        <translation>Erreurs de la sonde :</translation>
    </message>
    <message>
        <source>Probe round trips: {count}; time: {seconds} s</source>
        <translation>Allers-retours de la sonde : {count} ; durée : {seconds} s</translation>
    </message>
</context>
<context>
    <name>direct</name>
    <message>
        <source>{step} failed; the remaining steps were not run.</source>
        <translation>« {step} » a échoué ; les étapes restantes n'ont pas été exécutées.</translation>
    </message>
</context>
<context>
    <name>enable</name>
    <message>
        <source>This copy of {file} (SHA-256 {digest}) is not a known version and was not accepted in the viewer, so NestWiz will not run it.</source>
        <translation>Cette copie de {file} (SHA-256 {digest}) n'est pas une version connue et n'a pas été acceptée dans la visionneuse : NestWiz ne l'exécutera donc pas.</translation>
    </message>
    <message>
        <source>{target} did not run {file}.</source>
        <translation>{target} n'a pas exécuté {file}.</translation>
    </message>
</context>
<context>
    <name>facts</name>
    <message>
        <source>{what} arrived as the type name '{name}' (serialized too shallow)</source>
        <translation>pour {what}, la sonde a envoyé le nom de type « {name} » (sérialisation pas assez profonde)</translation>
    </message>
    <message>
        <source>{what} is {kind}, not an object</source>
        <translation>pour {what}, la sonde a envoyé un {kind} au lieu d'un objet</translation>
    </message>
    <message>
        <source>{what} is a boolean, not a number</source>
        <translation>pour {what}, la sonde a envoyé un booléen au lieu d'un nombre</translation>
    </message>
    <message>
        <source>{what} is {value}, not a number</source>
        <translation>pour {what}, la sonde a envoyé {value} au lieu d'un nombre</translation>
    </message>
    <message>
        <source>{what} is {value}, not true or false</source>
        <translation>pour {what}, la sonde a envoyé {value} au lieu de vrai ou faux</translation>
    </message>
    <message>
        <source>{what} is {value}, not text</source>
        <translation>pour {what}, la sonde a envoyé {value} au lieu d'un texte</translation>
    </message>
    <message>
        <source>the probe did not report it</source>
        <translation>la sonde ne l'a pas indiqué</translation>
    </message>
    <message>
        <source>the probe could not read {what}: {message}</source>
        <translation>la sonde n'a pas pu déterminer {what} : {message}</translation>
    </message>
    <message>
        <source>the probe's answer has no {what}</source>
        <translation>la réponse de la sonde n'indique pas {what}</translation>
    </message>
    <message>
        <source>the probe returned nothing</source>
        <translation>la sonde n'a rien renvoyé</translation>
    </message>
    <message>
        <source>the probe returned {kind} {text} instead of its facts</source>
        <translation>la sonde a renvoyé {kind} {text} au lieu de ses informations</translation>
    </message>
    <message>
        <source>the probe's errors</source>
        <translation>les erreurs de la sonde</translation>
    </message>
    <message>
        <source>the probe version</source>
        <translation>la version de la sonde</translation>
    </message>
    <message>
        <source>the operating system (Win32_OperatingSystem)</source>
        <translation>le système d'exploitation (Win32_OperatingSystem)</translation>
    </message>
    <message>
        <source>the Windows name</source>
        <translation>le nom de Windows</translation>
    </message>
    <message>
        <source>the Windows build number</source>
        <translation>le numéro de build de Windows</translation>
    </message>
    <message>
        <source>the product type</source>
        <translation>le type de produit</translation>
    </message>
    <message>
        <source>the edition SKU</source>
        <translation>la référence (SKU) de l'édition</translation>
    </message>
    <message>
        <source>the free memory</source>
        <translation>la mémoire disponible</translation>
    </message>
    <message>
        <source>the visible memory</source>
        <translation>la mémoire visible</translation>
    </message>
    <message>
        <source>DEP</source>
        <translation>la prévention de l'exécution des données (DEP)</translation>
    </message>
    <message>
        <source>the edition ID</source>
        <translation>l'identifiant d'édition</translation>
    </message>
    <message>
        <source>the processor (Win32_Processor)</source>
        <translation>le processeur (Win32_Processor)</translation>
    </message>
    <message>
        <source>the processors</source>
        <translation>les processeurs</translation>
    </message>
    <message>
        <source>processor {index}</source>
        <translation>le processeur {index}</translation>
    </message>
    <message>
        <source>the processor maker</source>
        <translation>le fabricant du processeur</translation>
    </message>
    <message>
        <source>the processor name</source>
        <translation>le nom du processeur</translation>
    </message>
    <message>
        <source>the number of cores</source>
        <translation>le nombre de cœurs</translation>
    </message>
    <message>
        <source>the number of logical processors</source>
        <translation>le nombre de processeurs logiques</translation>
    </message>
    <message>
        <source>VM monitor mode extensions</source>
        <translation>les extensions du mode moniteur de machine virtuelle</translation>
    </message>
    <message>
        <source>SLAT</source>
        <translation>la traduction d'adresses de second niveau (SLAT)</translation>
    </message>
    <message>
        <source>virtualization in firmware</source>
        <translation>l'activation de la virtualisation dans le microprogramme</translation>
    </message>
    <message>
        <source>the probe reported no processor</source>
        <translation>la sonde n'a signalé aucun processeur</translation>
    </message>
    <message>
        <source>the computer system (Win32_ComputerSystem)</source>
        <translation>le système informatique (Win32_ComputerSystem)</translation>
    </message>
    <message>
        <source>whether a hypervisor runs</source>
        <translation>la présence d'un hyperviseur en cours d'exécution</translation>
    </message>
    <message>
        <source>the system maker</source>
        <translation>le fabricant du système</translation>
    </message>
    <message>
        <source>the system model</source>
        <translation>le modèle du système</translation>
    </message>
    <message>
        <source>the installed memory</source>
        <translation>la mémoire installée</translation>
    </message>
    <message>
        <source>the chassis asset tag</source>
        <translation>le numéro d'inventaire du châssis</translation>
    </message>
    <message>
        <source>whether NestWiz runs elevated</source>
        <translation>l'élévation des privilèges de NestWiz</translation>
    </message>
    <message>
        <source>the group SIDs</source>
        <translation>les SID des groupes</translation>
    </message>
    <message>
        <source>Hyper-V Administrators membership</source>
        <translation>l'appartenance au groupe Administrateurs Hyper-V</translation>
    </message>
    <message>
        <source>the Hyper-V feature</source>
        <translation>la fonctionnalité Hyper-V</translation>
    </message>
    <message>
        <source>the feature kind</source>
        <translation>le type de fonctionnalité</translation>
    </message>
    <message>
        <source>the feature name</source>
        <translation>le nom de la fonctionnalité</translation>
    </message>
    <message>
        <source>whether the Hyper-V role is installed</source>
        <translation>l'état d'installation du rôle Hyper-V</translation>
    </message>
    <message>
        <source>the Hyper-V feature's state {state} is not one NestWiz knows</source>
        <translation>l'état {state} de la fonctionnalité Hyper-V est inconnu de NestWiz</translation>
    </message>
    <message>
        <source>a disk</source>
        <translation>un disque</translation>
    </message>
    <message>
        <source>a drive letter</source>
        <translation>une lettre de lecteur</translation>
    </message>
    <message>
        <source>a disk size</source>
        <translation>une taille de disque</translation>
    </message>
    <message>
        <source>a disk's free space</source>
        <translation>l'espace libre d'un disque</translation>
    </message>
    <message>
        <source>the disks (Win32_LogicalDisk)</source>
        <translation>les disques (Win32_LogicalDisk)</translation>
    </message>
    <message>
        <source>the disks</source>
        <translation>les disques</translation>
    </message>
    <message>
        <source>whether a restart is pending</source>
        <translation>l'existence d'un redémarrage en attente</translation>
    </message>
    <message>
        <source>virtualization-based security (Win32_DeviceGuard)</source>
        <translation>la sécurité basée sur la virtualisation (Win32_DeviceGuard)</translation>
    </message>
    <message>
        <source>the VBS status</source>
        <translation>l'état de la sécurité basée sur la virtualisation</translation>
    </message>
    <message>
        <source>the running security services</source>
        <translation>les services de sécurité en cours d'exécution</translation>
    </message>
    <message>
        <source>a running security service</source>
        <translation>un service de sécurité en cours d'exécution</translation>
    </message>
    <message>
        <source>whether the Hyper-V module is present</source>
        <translation>la présence du module Hyper-V</translation>
    </message>
    <message>
        <source>the VM versions</source>
        <translation>les versions de VM</translation>
    </message>
    <message>
        <source>the probe could not read them: {message}</source>
        <translation>la sonde n'a pas pu les lire : {message}</translation>
    </message>
    <message>
        <source>the default VM version</source>
        <translation>la version de VM par défaut</translation>
    </message>
    <message>
        <source>the Hyper-V host settings</source>
        <translation>les paramètres de l'hôte Hyper-V</translation>
    </message>
    <message>
        <source>the virtual hard disk folder</source>
        <translation>le dossier des disques durs virtuels</translation>
    </message>
    <message>
        <source>the virtual machine folder</source>
        <translation>le dossier des machines virtuelles</translation>
    </message>
    <message>
        <source>the installed programs</source>
        <translation>les programmes installés</translation>
    </message>
    <message>
        <source>the PowerShell version</source>
        <translation>la version de PowerShell</translation>
    </message>
</context>
<context>
    <name>fetch</name>
    <message>
        <source>{path} is larger than {size}; the enablement script is about 5 KB.</source>
        <translation>{path} dépasse {size} ; le script d'activation fait environ 5 Ko.</translation>
    </message>
    <message>
        <source>Could not save the script in the cache folder {folder}: {reason}.</source>
        <translation>Impossible d'enregistrer le script dans le dossier de cache {folder} : {reason}.</translation>
    </message>
    <message>
        <source>{amount} MiB</source>
        <translation>{amount} Mio</translation>
    </message>
    <message>
        <source>{amount} KiB</source>
        <translation>{amount} Kio</translation>
    </message>
    <message>
        <source>{count} bytes</source>
        <translation>{count} octets</translation>
    </message>
    <message>
        <source>The CA file {file} holds no certificate NestWiz can read; it must be PEM text.</source>
        <translation>Le fichier d'autorité de certification {file} ne contient aucun certificat lisible par NestWiz ; il doit être au format texte PEM.</translation>
    </message>
    <message>
        <source>Could not read the CA file {file}: {reason}.</source>
        <translation>Impossible de lire le fichier d'autorité de certification {file} : {reason}.</translation>
    </message>
    <message>
        <source>NestWiz downloads the script only over HTTPS, and {url} is not an HTTPS address.</source>
        <translation>NestWiz ne télécharge le script qu'en HTTPS, et {url} n'est pas une adresse HTTPS.</translation>
    </message>
    <message>
        <source>{url} redirected more than {count} times; giving up.</source>
        <translation>{url} a redirigé plus de {count} fois ; abandon.</translation>
    </message>
    <message>
        <source>{host} answered {status} {reason} for {url}; the file is not at that address. Check it, or use a mirror.</source>
        <translation>{host} a répondu {status} {reason} pour {url} ; le fichier ne se trouve pas à cette adresse. Vérifiez-la ou utilisez un miroir.</translation>
    </message>
    <message>
        <source>{host} answered {status} {reason} for {url}; the server would not hand out the file. Try again later, or use a mirror.</source>
        <translation>{host} a répondu {status} {reason} pour {url} ; le serveur n'a pas voulu fournir le fichier. Réessayez plus tard ou utilisez un miroir.</translation>
    </message>
    <message>
        <source>{host} sent the file compressed ({encoding}) although NestWiz asked for plain bytes.</source>
        <translation>{host} a envoyé le fichier compressé ({encoding}) alors que NestWiz demandait les octets bruts.</translation>
    </message>
    <message>
        <source>The connection to {host} closed after {received} of {total}. Nothing was saved; try again.</source>
        <translation>La connexion à {host} s'est fermée après {received} sur {total}. Rien n'a été enregistré ; réessayez.</translation>
    </message>
    <message>
        <source>The system proxy {proxy} is not an http:// proxy, which is all NestWiz can use.</source>
        <translation>Le proxy système {proxy} n'est pas un proxy http://, le seul type que NestWiz peut utiliser.</translation>
    </message>
    <message>
        <source>{url} answered {status} (redirect) without saying where to.</source>
        <translation>{url} a répondu {status} (redirection) sans indiquer vers où.</translation>
    </message>
    <message>
        <source>{url} redirected to {target}, which is not HTTPS; NestWiz refuses to follow it.</source>
        <translation>{url} redirige vers {target}, qui n'est pas en HTTPS ; NestWiz refuse de suivre cette redirection.</translation>
    </message>
    <message>
        <source>The file at {url} is larger than {limit} ({size} or more); the enablement script is about 5 KB, so this is not it.</source>
        <translation>Le fichier à l'adresse {url} dépasse {limit} ({size} ou plus) ; le script d'activation fait environ 5 Ko, ce n'est donc pas lui.</translation>
    </message>
    <message>
        <source>The certificate of {host} is not trusted ({reason}). If your network inspects HTTPS, give your organisation's CA file.</source>
        <translation>Le certificat de {host} n'est pas approuvé ({reason}). Si votre réseau inspecte le trafic HTTPS, indiquez le fichier d'autorité de certification de votre organisation.</translation>
    </message>
    <message>
        <source>Could not connect to {host} within {seconds} seconds.</source>
        <translation>Impossible de se connecter à {host} en moins de {seconds} secondes.</translation>
    </message>
    <message>
        <source>{host} stopped sending for {seconds} seconds after {received}. Nothing was saved; try again.</source>
        <translation>{host} n'a plus rien envoyé pendant {seconds} secondes après {received}. Rien n'a été enregistré ; réessayez.</translation>
    </message>
    <message>
        <source>{host} stopped sending for {seconds} seconds. Nothing was saved; try again.</source>
        <translation>{host} n'a plus rien envoyé pendant {seconds} secondes. Rien n'a été enregistré ; réessayez.</translation>
    </message>
    <message>
        <source>The connection to {host} broke off after {received}. Nothing was saved; try again.</source>
        <translation>La connexion à {host} a été interrompue après {received}. Rien n'a été enregistré ; réessayez.</translation>
    </message>
    <message>
        <source>{host} did not answer like a web server.</source>
        <translation>{host} n'a pas répondu comme un serveur web.</translation>
    </message>
    <message>
        <source>Could not reach {host} through the proxy {proxy}: {reason}.</source>
        <translation>Impossible de joindre {host} par le proxy {proxy} : {reason}.</translation>
    </message>
    <message>
        <source>Could not reach {host}: {reason}.</source>
        <translation>Impossible de joindre {host} : {reason}.</translation>
    </message>
    <message>
        <source>Downloading from {host} failed: {reason}.</source>
        <translation>Le téléchargement depuis {host} a échoué : {reason}.</translation>
    </message>
    <message>
        <source>Downloading {url} took longer than {seconds} seconds. Nothing was saved.</source>
        <translation>Le téléchargement de {url} a pris plus de {seconds} secondes. Rien n'a été enregistré.</translation>
    </message>
    <message>
        <source>The file from {url} is not a known version of {file}: its SHA-256 is {digest} ({size}). Nothing was saved.</source>
        <translation>Le fichier provenant de {url} n'est pas une version connue de {file} : son SHA-256 est {digest} ({size}). Rien n'a été enregistré.</translation>
    </message>
    <message>
        <source>Could not read {path}: {reason}.</source>
        <translation>Impossible de lire {path} : {reason}.</translation>
    </message>
    <message>
        <source>{name} is not a known version of {file}: its SHA-256 is {digest}. Open it in the viewer and accept it only if you trust what it does.</source>
        <translation>{name} n'est pas une version connue de {file} : son SHA-256 est {digest}. Ouvrez-le dans la visionneuse et acceptez-le uniquement si vous faites confiance à ce qu'il fait.</translation>
    </message>
    <message>
        <source>{name} changed after you viewed it: you accepted SHA-256 {accepted}, it now has {digest}. Open it in the viewer again.</source>
        <translation>{name} a changé depuis que vous l'avez consulté : vous avez accepté le SHA-256 {accepted}, il a maintenant le SHA-256 {digest}. Ouvrez-le de nouveau dans la visionneuse.</translation>
    </message>
</context>
<context>
    <name>guest</name>
    <message>
        <source>The virtual machine runs</source>
        <translation>La machine virtuelle est en cours d'exécution</translation>
    </message>
    <message>
        <source>'{vm}' did not reach the Running state within {seconds} seconds. Look at Hyper-V Manager: the host may lack memory, or the VM's files may be unreachable.</source>
        <translation>« {vm} » n'a pas atteint l'état En cours d'exécution en {seconds} secondes. Regardez dans le Gestionnaire Hyper-V : l'hôte manque peut-être de mémoire, ou les fichiers de la VM sont inaccessibles.</translation>
    </message>
    <message>
        <source>The guest OS has booted (heartbeat)</source>
        <translation>Le système invité a démarré (pulsation)</translation>
    </message>
    <message>
        <source>'{vm}' runs, but its operating system sent no heartbeat within {seconds} seconds. It may still be installing or waiting at a prompt, it may not be installed, or its Heartbeat integration service is off. Open its console to see what it shows.</source>
        <translation>« {vm} » est en cours d'exécution, mais son système d'exploitation n'a envoyé aucune pulsation en {seconds} secondes. Il est peut-être encore en cours d'installation ou attend une réponse, il n'est peut-être pas installé, ou son service d'intégration Pulsation est désactivé. Ouvrez sa console pour voir ce qu'elle affiche.</translation>
    </message>
    <message>
        <source>PowerShell Direct accepts the guest's credentials</source>
        <translation>PowerShell Direct accepte les informations d'identification de l'invité</translation>
    </message>
    <message>
        <source>The operating system inside '{vm}' did not open a PowerShell Direct session within {seconds} seconds. It must be Windows 10 / Windows Server 2016 or later, have finished starting, and have a signed-in-once administrator account.</source>
        <translation>Le système d'exploitation de « {vm} » n'a pas ouvert de session PowerShell Direct en {seconds} secondes. Il doit s'agir de Windows 10 / Windows Server 2016 ou d'une version ultérieure, avoir fini de démarrer et avoir un compte administrateur qui s'est déjà connecté une fois.</translation>
    </message>
    <message>
        <source>The guest answers a probe</source>
        <translation>L'invité répond à une sonde</translation>
    </message>
    <message>
        <source>The operating system inside '{vm}' accepted the session but did not answer the probe within {seconds} seconds.</source>
        <translation>Le système d'exploitation de « {vm} » a accepté la session mais n'a pas répondu à la sonde en {seconds} secondes.</translation>
    </message>
    <message>
        <source>There is no virtual machine named '{vm}'.</source>
        <translation>Il n'existe aucune machine virtuelle nommée « {vm} ».</translation>
    </message>
    <message>
        <source>'{vm}' stopped while NestWiz waited for its operating system to boot.</source>
        <translation>« {vm} » s'est arrêtée pendant que NestWiz attendait le démarrage de son système d'exploitation.</translation>
    </message>
    <message>
        <source>Nesting is not on for '{vm}', and its settings change only while it is off. Go back to the Enable page, or shut it down and check again.</source>
        <translation>L'imbrication n'est pas activée pour « {vm} », et ses paramètres ne peuvent changer que lorsqu'elle est arrêtée. Revenez à la page Activation, ou arrêtez-la et vérifiez à nouveau.</translation>
    </message>
</context>
<context>
    <name>guest_hyperv</name>
    <message>
        <source>Enabling the Hyper-V optional feature inside the guest…</source>
        <translation>Activation de la fonctionnalité facultative Hyper-V dans le système invité…</translation>
    </message>
    <message>
        <source>Installing the Hyper-V role inside the guest (Install-WindowsFeature)…</source>
        <translation>Installation du rôle Hyper-V dans le système invité (Install-WindowsFeature)…</translation>
    </message>
    <message>
        <source>Install-WindowsFeature failed: {message}</source>
        <translation>Échec d'Install-WindowsFeature : {message}</translation>
    </message>
    <message>
        <source>Install-WindowsFeature failed; enabling the Microsoft-Hyper-V optional feature instead…</source>
        <translation>Échec d'Install-WindowsFeature ; activation de la fonctionnalité facultative Microsoft-Hyper-V à la place…</translation>
    </message>
    <message>
        <source>Hyper-V could not be installed inside '{vm}': the role failed ({role}) and so did the optional feature ({feature}).</source>
        <translation>Hyper-V n'a pas pu être installé dans « {vm} » : le rôle a échoué ({role}), tout comme la fonctionnalité facultative ({feature}).</translation>
    </message>
    <message>
        <source>Enabling the Hyper-V PowerShell module inside the guest…</source>
        <translation>Activation du module PowerShell Hyper-V dans l'invité…</translation>
    </message>
    <message>
        <source>Restarting the guest…</source>
        <translation>Redémarrage du système invité…</translation>
    </message>
    <message>
        <source>Waiting for the guest to come back (restart {count})…</source>
        <translation>Attente du retour du système invité (redémarrage {count})…</translation>
    </message>
    <message>
        <source>Diagnosing the guest…</source>
        <translation>Diagnostic du système invité…</translation>
    </message>
    <message>
        <source>Hyper-V cannot run inside '{vm}': {reason}</source>
        <translation>Hyper-V ne peut pas s'exécuter dans « {vm} » : {reason}</translation>
    </message>
    <message>
        <source>'{vm}' restarted {count} times and Hyper-V is still not enabled.</source>
        <translation>« {vm} » a redémarré {count} fois et Hyper-V n'est toujours pas activé.</translation>
    </message>
    <message>
        <source>Checking that the hypervisor runs inside the guest…</source>
        <translation>Vérification que l'hyperviseur s'exécute dans le système invité…</translation>
    </message>
    <message>
        <source>Hyper-V is not enabled inside '{vm}'.</source>
        <translation>Hyper-V n'est pas activé dans « {vm} ».</translation>
    </message>
    <message>
        <source>Hyper-V is enabled inside '{vm}' but its PowerShell module is not, so NestWiz cannot drive it. Enable the optional feature {feature} inside the guest, then check again.</source>
        <translation>Hyper-V est activé dans « {vm} », mais pas son module PowerShell : NestWiz ne peut donc pas le piloter. Activez la fonctionnalité facultative {feature} dans l'invité, puis vérifiez à nouveau.</translation>
    </message>
    <message>
        <source>Hyper-V is installed inside '{vm}', but its hypervisor cannot run: the host does not expose virtualization extensions to this VM. Turn nesting on for it (the Enable step), then check again.</source>
        <translation>Hyper-V est installé dans « {vm} », mais son hyperviseur ne peut pas s'exécuter : l'hôte n'expose pas les extensions de virtualisation à cette VM. Activez l'imbrication pour celle-ci (étape Activer), puis vérifiez à nouveau.</translation>
    </message>
    <message>
        <source>Hyper-V is installed inside '{vm}', but its hypervisor is not running: the guest still sees the processor's virtualization flags unclaimed. Restart the guest; if that does not help, run 'bcdedit /set hypervisorlaunchtype auto' inside it and restart again.</source>
        <translation>Hyper-V est installé dans « {vm} », mais son hyperviseur ne s'exécute pas : le système invité voit encore les indicateurs de virtualisation du processeur comme libres. Redémarrez le système invité ; si cela ne suffit pas, exécutez 'bcdedit /set hypervisorlaunchtype auto' dans celui-ci, puis redémarrez-le à nouveau.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Fails</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>{mark}: {title}: {sentence}</source>
        <translation>{mark} : {title} : {sentence}</translation>
    </message>
</context>
<context>
    <name>inner_vm</name>
    <message>
        <source>{size} GB</source>
        <translation>{size} Go</translation>
    </message>
    <message>
        <source>A VM name needs 1 to 100 characters, without \ / : * ? " &lt; &gt; | and without leading or trailing spaces.</source>
        <translation>Un nom de VM doit comporter de 1 à 100 caractères, sans \ / : * ? " &lt; &gt; | et sans espace au début ni à la fin.</translation>
    </message>
    <message>
        <source>'{vm}' uses dynamic memory, which nested virtualization does not support; give it static memory (the Enable step does) before creating the inner VM.</source>
        <translation>« {vm} » utilise la mémoire dynamique, que la virtualisation imbriquée ne prend pas en charge ; attribuez-lui de la mémoire statique (l'étape Activer le fait) avant de créer la VM interne.</translation>
    </message>
    <message>
        <source>The inner VM needs at least {size} of memory.</source>
        <translation>La VM interne a besoin d'au moins {size} de mémoire.</translation>
    </message>
    <message>
        <source>The inner VM's memory must be a multiple of 2 MB.</source>
        <translation>La mémoire de la VM interne doit être un multiple de 2 Mo.</translation>
    </message>
    <message>
        <source>The inner VM asks for {asked}, but '{vm}' has {startup} of static memory, of which about {reserve} stay with Windows and Hyper-V inside it. Give the inner VM at most {limit}, or turn the outer VM off and give it more memory.</source>
        <translation>La VM interne demande {asked}, mais « {vm} » dispose de {startup} de mémoire statique, dont environ {reserve} restent réservés à Windows et Hyper-V dans celle-ci. Attribuez au plus {limit} à la VM interne, ou arrêtez la VM externe et attribuez-lui davantage de mémoire.</translation>
    </message>
    <message>
        <source>{path} is already inside the outer VM</source>
        <translation>{path} se trouve déjà dans la VM externe</translation>
    </message>
    <message>
        <source>Copy-VMFile could not copy the ISO ({reason}); copied it over a PowerShell Direct session instead.</source>
        <translation>Copy-VMFile n'a pas pu copier l'ISO ({reason}) ; il a été copié par une session PowerShell Direct à la place.</translation>
    </message>
    <message>
        <source>Copy-VMFile cannot work here; copying over a PowerShell Direct session instead…</source>
        <translation>Copy-VMFile ne peut pas fonctionner ici ; copie par une session PowerShell Direct à la place…</translation>
    </message>
    <message>
        <source>'{vm}' has no Guest Service Interface, which Copy-VMFile needs.</source>
        <translation>« {vm} » n'a pas d'interface de services d'invité, dont Copy-VMFile a besoin.</translation>
    </message>
    <message>
        <source>Enabling the Guest Service Interface, which Copy-VMFile needs…</source>
        <translation>Activation de l'interface de services d'invité, nécessaire à Copy-VMFile…</translation>
    </message>
    <message>
        <source>Copying {path} into the outer VM…</source>
        <translation>Copie de {path} dans la VM externe…</translation>
    </message>
    <message>
        <source>the VM '{vm}' already exists inside the outer VM</source>
        <translation>la VM « {vm} » existe déjà dans la VM externe</translation>
    </message>
    <message>
        <source>Creating '{vm}' inside the outer VM…</source>
        <translation>Création de « {vm} » dans la VM externe…</translation>
    </message>
    <message>
        <source>'{vm}' is already running</source>
        <translation>« {vm} » est déjà en cours d'exécution</translation>
    </message>
    <message>
        <source>Starting '{vm}'…</source>
        <translation>Démarrage de « {vm} »…</translation>
    </message>
    <message>
        <source>'{vm}' was created inside '{outer}' but did not start: {reason}</source>
        <translation>« {vm} » a été créée dans « {outer} » mais n'a pas démarré : {reason}</translation>
    </message>
    <message>
        <source>'{vm}' is connected to the switch '{switch}'.</source>
        <translation>« {vm} » est connectée au commutateur « {switch} ».</translation>
    </message>
    <message>
        <source>'{vm}' is not connected to '{switch}'.</source>
        <translation>« {vm} » n'est pas connectée à « {switch} ».</translation>
    </message>
    <message>
        <source>The NAT network is in place.</source>
        <translation>Le réseau NAT est en place.</translation>
    </message>
    <message>
        <source>No NAT network exists in the outer VM.</source>
        <translation>Aucun réseau NAT n'existe dans la VM externe.</translation>
    </message>
    <message>
        <source>The gateway {gateway} answers on the internal switch.</source>
        <translation>La passerelle {gateway} répond sur le commutateur interne.</translation>
    </message>
    <message>
        <source>The gateway {gateway} is missing.</source>
        <translation>La passerelle {gateway} est absente.</translation>
    </message>
    <message>
        <source>Once its OS is installed, give the inner VM: {addressing}</source>
        <translation>Une fois son système d'exploitation installé, attribuez à la VM interne : {addressing}</translation>
    </message>
    <message>
        <source>Once its OS is installed, the inner VM gets its address from your network (DHCP).</source>
        <translation>Une fois son système d'exploitation installé, la VM interne obtient son adresse de votre réseau (DHCP).</translation>
    </message>
</context>
<context>
    <name>lab</name>
    <message>
        <source>The outer VM is not known yet: the outer-VM step must run first.</source>
        <translation>La VM externe n'est pas encore connue : l'étape de la VM externe doit s'exécuter d'abord.</translation>
    </message>
    <message>
        <source>The guest's password is needed to reach the outer VM's operating system (PowerShell Direct).</source>
        <translation>Le mot de passe de l'invité est nécessaire pour joindre le système de la VM externe (PowerShell Direct).</translation>
    </message>
    <message>
        <source>Another NestWiz is working on this lab right now (the wizard, or nestwiz lab run). Wait until it has finished, then try again.</source>
        <translation>Un autre NestWiz travaille sur ce lab en ce moment (l'assistant, ou nestwiz lab run). Attendez qu'il ait fini, puis réessayez.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>Start over on the wizard's Welcome page, or give nestwiz lab run --fresh</source>
        <translation>Recommencez depuis la page d'accueil de l'assistant, ou lancez nestwiz lab run avec --fresh</translation>
    </message>
    <message>
        <source>This lab's outer VM is '{name}' (Id {id}), but the plan now names '{planned}'. NestWiz stops rather than work on another VM: put the name back in the plan, or start a new lab ({how}).</source>
        <translation>La VM externe de ce lab est « {name} » (Id {id}), mais le plan nomme maintenant « {planned} ». NestWiz s'arrête plutôt que de travailler sur une autre VM : remettez le nom dans le plan, ou commencez un nouveau lab ({how}).</translation>
    </message>
    <message>
        <source>The outer VM '{name}' (Id {id}) is no longer on this host. NestWiz never picks another VM: restore it, or start a new lab ({how}).</source>
        <translation>La VM externe « {name} » (Id {id}) n'est plus sur cet hôte. NestWiz ne choisit jamais une autre VM : restaurez-la, ou commencez un nouveau lab ({how}).</translation>
    </message>
    <message>
        <source>The outer VM '{name}' (Id {id}) is now named '{now}'. NestWiz stops rather than guess: rename it back, or start a new lab ({how}).</source>
        <translation>La VM externe « {name} » (Id {id}) s'appelle maintenant « {now} ». NestWiz s'arrête plutôt que de deviner : rendez-lui son nom, ou commencez un nouveau lab ({how}).</translation>
    </message>
    <message>
        <source>More than one VM on this host is named '{name}'. Hyper-V's cmdlets find VMs by name, so NestWiz cannot tell them apart: rename all but one, then run the lab again.</source>
        <translation>Plusieurs VM de cet hôte s'appellent « {name} ». Les cmdlets Hyper-V trouvent les VM par leur nom, NestWiz ne peut donc pas les distinguer : renommez-les toutes sauf une, puis relancez le lab.</translation>
    </message>
    <message>
        <source>Host diagnosed</source>
        <translation>Hôte diagnostiqué</translation>
    </message>
    <message>
        <source>This host cannot run the lab yet: {sentence}{remedy}</source>
        <translation>Cet hôte ne peut pas encore faire tourner le lab : {sentence}{remedy}</translation>
    </message>
    <message>
        <source>Outer VM</source>
        <translation>VM externe</translation>
    </message>
    <message>
        <source>There is no VM named '{name}' on this host. The plan prepares an existing VM: check the name, or let NestWiz create a new one (mode = "new").</source>
        <translation>Aucune VM ne s'appelle « {name} » sur cet hôte. Le plan prépare une VM existante : vérifiez le nom, ou laissez NestWiz en créer une nouvelle (mode = "new").</translation>
    </message>
    <message>
        <source>A VM named '{name}' already exists on this host and is not this lab's (it does not use the planned disk {disk}). NestWiz leaves it alone: choose another name for the outer VM.</source>
        <translation>Une VM nommée « {name} » existe déjà sur cet hôte et n'appartient pas à ce lab (elle n'utilise pas le disque prévu {disk}). NestWiz n'y touche pas : choisissez un autre nom pour la VM externe.</translation>
    </message>
    <message>
        <source>The outer VM is '{name}' (Id {id}).</source>
        <translation>La VM externe est « {name} » (Id {id}).</translation>
    </message>
    <message>
        <source>'{name}' exists (Id {id}) with the planned settings.</source>
        <translation>« {name} » existe (Id {id}) avec les réglages prévus.</translation>
    </message>
    <message>
        <source>The outer VM's plan cannot work on this host: {problem}</source>
        <translation>Le plan de la VM externe ne peut pas fonctionner sur cet hôte : {problem}</translation>
    </message>
    <message>
        <source>'{name}' was created (Id {id}), ready for nesting.</source>
        <translation>« {name} » a été créée (Id {id}), prête pour la virtualisation imbriquée.</translation>
    </message>
    <message>
        <source>The outer VM's settings did not read back as planned.</source>
        <translation>Les réglages relus de la VM externe ne sont pas ceux prévus.</translation>
    </message>
    <message>
        <source>Nesting enabled</source>
        <translation>Virtualisation imbriquée activée</translation>
    </message>
    <message>
        <source>Nesting is on for '{name}': every setting reads back in place.</source>
        <translation>La virtualisation imbriquée est active pour « {name} » : chaque réglage relu est en place.</translation>
    </message>
    <message>
        <source>Microsoft's Enable-NestedVm.ps1 is not in NestWiz's cache. Download it (nestwiz fetch-script) or choose the direct method (method = "direct").</source>
        <translation>Le script Enable-NestedVm.ps1 de Microsoft n'est pas dans le cache de NestWiz. Téléchargez-le (nestwiz fetch-script) ou choisissez la méthode directe (method = "direct").</translation>
    </message>
    <message>
        <source>Guest OS ready</source>
        <translation>Système invité prêt</translation>
    </message>
    <message>
        <source>{os} answers in '{name}'.</source>
        <translation>{os} répond dans « {name} ».</translation>
    </message>
    <message>
        <source>'{name}' has no operating system yet, and nothing here can install one: install it in the VM's console, then run the lab again.</source>
        <translation>« {name} » n'a pas encore de système d'exploitation, et rien ici ne peut en installer un : installez-le dans la console de la VM, puis relancez le lab.</translation>
    </message>
    <message>
        <source>Installing the guest OS in '{name}'…</source>
        <translation>Installation du système invité dans « {name} »…</translation>
    </message>
    <message>
        <source>Waiting for the guest OS of '{name}'…</source>
        <translation>Attente du système invité de « {name} »…</translation>
    </message>
    <message>
        <source>Hyper-V inside the outer VM</source>
        <translation>Hyper-V dans la VM externe</translation>
    </message>
    <message>
        <source>Hyper-V runs inside '{name}'.</source>
        <translation>Hyper-V fonctionne dans « {name} ».</translation>
    </message>
    <message>
        <source>Hyper-V was already enabled inside '{name}' and its hypervisor runs.</source>
        <translation>Hyper-V était déjà activé dans « {name} » et son hyperviseur fonctionne.</translation>
    </message>
    <message>
        <source>the optional feature (the role failed)</source>
        <translation>la fonctionnalité facultative (le rôle a échoué)</translation>
    </message>
    <message>
        <source>the feature</source>
        <translation>la fonctionnalité</translation>
    </message>
    <message>
        <source>Hyper-V installed inside '{name}' with {how}, {count} restart(s); its hypervisor runs.</source>
        <translation>Hyper-V installé dans « {name} » avec {how}, {count} redémarrage(s) ; son hyperviseur fonctionne.</translation>
    </message>
    <message>
        <source>The inner VMs' network</source>
        <translation>Le réseau des VM internes</translation>
    </message>
    <message>
        <source>The switch '{switch}' and the NAT network {prefix} are in place.</source>
        <translation>Le commutateur « {switch} » et le réseau NAT {prefix} sont en place.</translation>
    </message>
    <message>
        <source>The bridged switch '{switch}' is in place.</source>
        <translation>Le commutateur ponté « {switch} » est en place.</translation>
    </message>
    <message>
        <source>The network inside the outer VM is not complete: {what}.</source>
        <translation>Le réseau dans la VM externe n'est pas complet : {what}.</translation>
    </message>
    <message>
        <source>Inner VM</source>
        <translation>VM interne</translation>
    </message>
    <message>
        <source>More than one VM inside the outer VM is named '{name}'; rename all but one, then run the lab again.</source>
        <translation>Plusieurs VM dans la VM externe s'appellent « {name} » ; renommez-les toutes sauf une, puis relancez le lab.</translation>
    </message>
    <message>
        <source>The VM '{name}' inside the outer VM is not the one this lab made (Id {id}). NestWiz leaves it alone: remove or rename it, or give the inner VM another name.</source>
        <translation>La VM « {name} » dans la VM externe n'est pas celle que ce lab a créée (Id {id}). NestWiz n'y touche pas : supprimez-la ou renommez-la, ou donnez un autre nom à la VM interne.</translation>
    </message>
    <message>
        <source>'{inner}' runs inside '{outer}' on the switch '{switch}'.</source>
        <translation>« {inner} » fonctionne dans « {outer} » sur le commutateur « {switch} ».</translation>
    </message>
    <message>
        <source>'{inner}' is not running inside '{outer}'.</source>
        <translation>« {inner} » ne fonctionne pas dans « {outer} ».</translation>
    </message>
    <message>
        <source>the VM '{target}'</source>
        <translation>la VM « {target} »</translation>
    </message>
    <message>
        <source>the file {target}</source>
        <translation>le fichier {target}</translation>
    </message>
    <message>
        <source>the switch '{target}'</source>
        <translation>le commutateur « {target} »</translation>
    </message>
    <message>
        <source>the NAT '{target}'</source>
        <translation>le NAT « {target} »</translation>
    </message>
    <message>
        <source>the address {target}</source>
        <translation>l'adresse {target}</translation>
    </message>
    <message>
        <source>{thing} inside the outer VM</source>
        <translation>{thing} dans la VM externe</translation>
    </message>
</context>
<context>
    <name>lab_plan</name>
    <message>
        <source>At the top of this plan file</source>
        <translation>En tête de ce fichier de plan</translation>
    </message>
    <message>
        <source>In [{table}]</source>
        <translation>Dans [{table}]</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true ou false</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>un nombre entier</translation>
    </message>
    <message>
        <source>text in quotes</source>
        <translation>du texte entre guillemets</translation>
    </message>
    <message>
        <source>{place}, NestWiz does not know: {names}.</source>
        <translation>{place}, NestWiz ne connaît pas : {names}.</translation>
    </message>
    <message>
        <source>{place}, '{key}' should be {kind}, not {value}.</source>
        <translation>{place}, « {key} » devrait être {kind}, et non {value}.</translation>
    </message>
    <message>
        <source>At the top of this plan file, '{key}' should be a table ([{key}]), not {value}.</source>
        <translation>En tête de ce fichier de plan, « {key} » devrait être une table ([{key}]), et non {value}.</translation>
    </message>
    <message>
        <source>In [network], 'mode' should be {choices}, not {value}.</source>
        <translation>Dans [network], « mode » devrait être {choices}, et non {value}.</translation>
    </message>
    <message>
        <source>In [network], '{key}' should be plain ASCII text, not {value}.</source>
        <translation>Dans [network], « {key} » devrait être du texte ASCII simple, et non {value}.</translation>
    </message>
    <message>
        <source>This plan file has no [vm] table.</source>
        <translation>Ce fichier de plan n'a pas de table [vm].</translation>
    </message>
    <message>
        <source>This file is not a NestWiz lab plan (its 'kind' is missing or different).</source>
        <translation>Ce fichier n'est pas un plan de laboratoire NestWiz (son « kind » est absent ou différent).</translation>
    </message>
    <message>
        <source>This plan file has format {found}; this NestWiz reads formats 1 and 2.</source>
        <translation>Ce fichier de plan est au format {found} ; cette version de NestWiz lit les formats 1 et 2.</translation>
    </message>
    <message>
        <source>This file is not a NestWiz lab plan (its 'kind' does not match its format).</source>
        <translation>Ce fichier n'est pas un plan de laboratoire NestWiz (son « kind » ne correspond pas à son format).</translation>
    </message>
    <message>
        <source>This plan file is not valid TOML: {reason} (line {line}).</source>
        <translation>Ce fichier de plan n'est pas du TOML valide : {reason} (ligne {line}).</translation>
    </message>
    <message>
        <source>{place}, '{key}' holds a character that cannot be saved in a file (a lone surrogate); type that value again.</source>
        <translation>{place}, « {key} » contient un caractère qui ne peut pas être enregistré dans un fichier (un demi-codet de substitution isolé) ; saisissez de nouveau cette valeur.</translation>
    </message>
    <message>
        <source>NestWiz cannot read the plan file {path}: {reason}.</source>
        <translation>NestWiz ne peut pas lire le fichier de plan {path} : {reason}.</translation>
    </message>
    <message>
        <source>NestWiz cannot read the plan file {path}: it is not UTF-8 text (byte {position}).</source>
        <translation>NestWiz ne peut pas lire le fichier de plan {path} : ce n'est pas du texte UTF-8 (octet {position}).</translation>
    </message>
    <message>
        <source>NestWiz cannot save the plan file {path}: {reason}.</source>
        <translation>NestWiz ne peut pas enregistrer le fichier de plan {path} : {reason}.</translation>
    </message>
    <message>
        <source>{part}: {problem}</source>
        <translation>{part} : {problem}</translation>
    </message>
    <message>
        <source>'{key}' should be one of {choices}, not {value}.</source>
        <translation>« {key} » devrait être l'une de ces valeurs : {choices}, et non {value}.</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <source>'profile' names a simulated host's profile; it is not a path.</source>
        <translation>« profile » désigne un profil d'hôte simulé ; ce n'est pas un chemin.</translation>
    </message>
    <message>
        <source>Name the remote Hyper-V host in 'host'.</source>
        <translation>Indiquez l'hôte Hyper-V distant dans « host ».</translation>
    </message>
    <message>
        <source>'port' should be 0 (the default) or a port from 1 to 65535.</source>
        <translation>« port » devrait être 0 (le port par défaut) ou un port de 1 à 65535.</translation>
    </message>
    <message>
        <source>Outer VM</source>
        <translation>Machine virtuelle externe</translation>
    </message>
    <message>
        <source>Name the existing VM to prepare.</source>
        <translation>Indiquez la machine virtuelle existante à préparer.</translation>
    </message>
    <message>
        <source>the new VM gets no installation ISO, so no Windows can be installed in it: set 'iso_path', or set 'install = false' in [guest] and install it yourself.</source>
        <translation>la nouvelle VM ne reçoit aucun ISO d'installation, donc aucun Windows ne peut y être installé : renseignez 'iso_path', ou mettez 'install = false' dans [guest] et installez-le vous-même.</translation>
    </message>
    <message>
        <source>Nesting</source>
        <translation>Imbrication</translation>
    </message>
    <message>
        <source>Guest OS</source>
        <translation>Système invité</translation>
    </message>
    <message>
        <source>Name the user NestWiz signs in as.</source>
        <translation>Indiquez l'utilisateur sous lequel NestWiz se connecte.</translation>
    </message>
    <message>
        <source>'user' cannot be a Windows account name: it may not contain " / [ ] : ; | = , + * ? &lt; &gt; or control characters (a domain may come first, as DOMAIN\user).</source>
        <translation>'user' ne peut pas être un nom de compte Windows : il ne peut contenir ni " / [ ] : ; | = , + * ? &lt; &gt; ni caractères de contrôle (un domaine peut venir en premier, comme DOMAINE\utilisateur).</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>Name the inner VMs' virtual switch.</source>
        <translation>Nommez le commutateur virtuel des machines virtuelles internes.</translation>
    </message>
    <message>
        <source>'dns' should be the IPv4 address of a DNS server, such as 1.1.1.1, not {value}.</source>
        <translation>'dns' doit être l'adresse IPv4 d'un serveur DNS, comme 1.1.1.1, et non {value}.</translation>
    </message>
    <message>
        <source>Inner VM</source>
        <translation>Machine virtuelle interne</translation>
    </message>
    <message>
        <source>'{key}' should be a size above zero, not {value}.</source>
        <translation>« {key} » devrait être une taille supérieure à zéro, et non {value}.</translation>
    </message>
    <message>
        <source>'{key}' is {value}; Hyper-V allows at most {limit}.</source>
        <translation>'{key}' vaut {value} ; Hyper-V permet au plus {limit}.</translation>
    </message>
    <message>
        <source>Paths</source>
        <translation>Chemins</translation>
    </message>
    <message>
        <source>'{key}' holds a line break or another control character, which no Windows path can.</source>
        <translation>'{key}' contient un saut de ligne ou un autre caractère de contrôle, ce qu'aucun chemin Windows ne peut contenir.</translation>
    </message>
</context>
<context>
    <name>network</name>
    <message>
        <source>'{prefix}' is not a network prefix such as {example}.</source>
        <translation>« {prefix} » n'est pas un préfixe réseau comme {example}.</translation>
    </message>
    <message>
        <source>{prefix} is not a private network; use one such as {example}.</source>
        <translation>{prefix} n'est pas un réseau privé ; utilisez-en un comme {example}.</translation>
    </message>
    <message>
        <source>{prefix} is too small: it leaves no room for inner VMs; use /24.</source>
        <translation>{prefix} est trop petit : il ne laisse pas de place pour les VM internes ; utilisez /24.</translation>
    </message>
    <message>
        <source>IP address {address}/{length}, gateway {gateway}, DNS {dns}.</source>
        <translation>Adresse IP {address}/{length}, passerelle {gateway}, DNS {dns}.</translation>
    </message>
    <message>
        <source>Inside the inner VM, in PowerShell as Administrator:</source>
        <translation>Dans la VM interne, dans PowerShell en tant qu'administrateur :</translation>
    </message>
    <message>
        <source>Bridged: a virtual switch inside the outer VM, bound to the outer VM's own network adapter. Inner VMs sit on the same network as the outer VM and get their addresses from it (DHCP), like any other machine there. For their packets to cross two virtual switches, the host must allow MAC address spoofing on the outer VM's network adapters. Best on your own network; often impossible in a public cloud.</source>
        <translation>Pont : un commutateur virtuel dans la VM externe, lié à la propre carte réseau de la VM externe. Les VM internes se trouvent sur le même réseau que la VM externe et en obtiennent leurs adresses (DHCP), comme toute autre machine de ce réseau. Pour que leurs paquets traversent deux commutateurs virtuels, l'hôte doit autoriser l'usurpation d'adresses MAC sur les cartes réseau de la VM externe. Idéal sur votre propre réseau ; souvent impossible dans un cloud public.</translation>
    </message>
    <message>
        <source>NAT: an internal virtual switch inside the outer VM, a gateway address on it, and a NAT network that translates the inner VMs' private addresses to the outer VM's address. No MAC address spoofing is needed, so it works where spoofing is not allowed. Nothing hands out addresses on that switch (Windows client editions have no DHCP server), so each inner VM gets a static address, the gateway and a DNS server.</source>
        <translation>NAT : un commutateur virtuel interne dans la VM externe, une adresse de passerelle sur celui-ci et un réseau NAT qui traduit les adresses privées des VM internes vers l'adresse de la VM externe. Aucune usurpation d'adresses MAC n'est nécessaire : cela fonctionne là où elle n'est pas autorisée. Rien ne distribue d'adresses sur ce commutateur (les éditions client de Windows n'ont pas de serveur DHCP) ; chaque VM interne reçoit donc une adresse statique, la passerelle et un serveur DNS.</translation>
    </message>
    <message>
        <source>{prefix} overlaps the outer VM's own address {address} on '{alias}'; choose another private prefix, such as 192.168.200.0/24.</source>
        <translation>{prefix} chevauche l'adresse {address} de la VM externe sur « {alias} » ; choisissez un autre préfixe privé, comme 192.168.200.0/24.</translation>
    </message>
    <message>
        <source>Windows supports one NAT network per machine: Microsoft's NAT guide warns that several can leave the machine's networking in an unknown state. The outer VM already has the NAT network {names} (often created by Docker or WSL), so NestWiz does not add a second one. Remove it with Remove-NetNat if nothing needs it, reuse its prefix, or choose the bridged network.</source>
        <translation>Windows prend en charge un seul réseau NAT par machine : le guide NAT de Microsoft avertit que plusieurs peuvent laisser le réseau de la machine dans un état inconnu. La VM externe a déjà le réseau NAT {names} (souvent créé par Docker ou WSL), donc NestWiz n'en ajoute pas un second. Supprimez-le avec Remove-NetNat si rien n'en a besoin, réutilisez son préfixe ou choisissez le réseau ponté.</translation>
    </message>
    <message>
        <source>MAC address spoofing on {vm}'s adapters, so inner VMs' frames pass</source>
        <translation>l'usurpation d'adresses MAC sur les cartes de {vm}, pour que les trames des VM internes passent</translation>
    </message>
    <message>
        <source>a switch inside the outer VM, bridged to its network adapter</source>
        <translation>un commutateur dans la VM externe, relié en pont à sa carte réseau</translation>
    </message>
    <message>
        <source>an internal switch inside the outer VM for the inner VMs</source>
        <translation>un commutateur interne dans la VM externe pour les VM internes</translation>
    </message>
    <message>
        <source>the gateway address {gateway} on the internal switch</source>
        <translation>l'adresse de passerelle {gateway} sur le commutateur interne</translation>
    </message>
    <message>
        <source>the NAT network {prefix}</source>
        <translation>le réseau NAT {prefix}</translation>
    </message>
</context>
<context>
    <name>outer</name>
    <message>
        <source>{amount} GB</source>
        <translation>{amount} Go</translation>
    </message>
    <message>
        <source>Create the folder {path} for the disk</source>
        <translation>Créer le dossier {path} pour le disque</translation>
    </message>
    <message>
        <source>Create the virtual hard disk {path} ({size}, dynamically expanding)</source>
        <translation>Créer le disque dur virtuel {path} ({size}, à extension dynamique)</translation>
    </message>
    <message>
        <source>Create the generation {generation} VM '{name}' with {memory} of memory</source>
        <translation>Créer la machine virtuelle de génération {generation} '{name}' avec {memory} de mémoire</translation>
    </message>
    <message>
        <source>Give it static memory of {memory} (nested Hyper-V cannot use dynamic memory)</source>
        <translation>Lui attribuer {memory} de mémoire statique (Hyper-V imbriqué ne peut pas utiliser la mémoire dynamique)</translation>
    </message>
    <message>
        <source>Give it {count} virtual processors and expose the virtualization extensions</source>
        <translation>Lui attribuer {count} processeurs virtuels et exposer les extensions de virtualisation</translation>
    </message>
    <message>
        <source>Insert the installation medium {path}</source>
        <translation>Insérer le support d'installation {path}</translation>
    </message>
    <message>
        <source>Start it from the installation medium first</source>
        <translation>La faire démarrer d'abord sur le support d'installation</translation>
    </message>
    <message>
        <source>Turn on Secure Boot with the {template} template</source>
        <translation>Activer le démarrage sécurisé avec le modèle {template}</translation>
    </message>
    <message>
        <source>Give it a local key protector (a virtual TPM needs one)</source>
        <translation>Lui attribuer un protecteur de clé local (un TPM virtuel en a besoin)</translation>
    </message>
    <message>
        <source>Turn on the virtual TPM (Windows 11 needs it)</source>
        <translation>Activer le TPM virtuel (Windows 11 en a besoin)</translation>
    </message>
    <message>
        <source>Turn on MAC address spoofing, so the nested VMs reach the network</source>
        <translation>Activer l'usurpation d'adresse MAC, pour que les machines virtuelles imbriquées accèdent au réseau</translation>
    </message>
    <message>
        <source>Checkpoints: {type}, automatic checkpoints on</source>
        <translation>Points de contrôle : {type}, points de contrôle automatiques activés</translation>
    </message>
    <message>
        <source>Checkpoints: {type}, automatic checkpoints off</source>
        <translation>Points de contrôle : {type}, points de contrôle automatiques désactivés</translation>
    </message>
</context>
<context>
    <name>powershell_direct</name>
    <message>
        <source>{command} -{parameter} takes a script block, which cannot cross PowerShell Direct as a value; NestWiz runs only its own dispatcher block in the guest.</source>
        <translation>{command} -{parameter} attend un bloc de script, qui ne peut pas traverser PowerShell Direct en tant que valeur ; NestWiz n'exécute dans le système invité que son propre bloc de répartition.</translation>
    </message>
    <message>
        <source>There is no virtual machine named '{vm}' here, or your account is not a Hyper-V administrator on this computer.</source>
        <translation>Il n'y a ici aucune machine virtuelle nommée « {vm} », ou votre compte n'est pas administrateur Hyper-V sur cet ordinateur.</translation>
    </message>
    <message>
        <source>The virtual machine '{vm}' is not running, so PowerShell Direct cannot reach its operating system.</source>
        <translation>La machine virtuelle « {vm} » n'est pas en cours d'exécution ; PowerShell Direct ne peut donc pas joindre son système d'exploitation.</translation>
    </message>
    <message>
        <source>The operating system inside '{vm}' refused the user name or password. Use an administrator account of the guest (for example Administrator) and its password.</source>
        <translation>Le système d'exploitation de « {vm} » a refusé le nom d'utilisateur ou le mot de passe. Utilisez un compte administrateur du système invité (par exemple Administrateur) et son mot de passe.</translation>
    </message>
    <message>
        <source>The operating system inside '{vm}' did not open a PowerShell Direct session: it has not finished starting, it is restarting, or it is not Windows 10 / Windows Server 2016 or later.</source>
        <translation>Le système d'exploitation de « {vm} » n'a pas ouvert de session PowerShell Direct : il n'a pas fini de démarrer, il redémarre, ou ce n'est pas Windows 10 / Windows Server 2016 ou version ultérieure.</translation>
    </message>
    <message>
        <source>The PowerShell Direct session with '{vm}' has ended.</source>
        <translation>La session PowerShell Direct avec « {vm} » s’est terminée.</translation>
    </message>
    <message>
        <source>The PowerShell Direct session with '{vm}' ended while a command ran: the guest restarted or stopped.</source>
        <translation>La session PowerShell Direct avec « {vm} » s’est terminée pendant une commande : l’invité a redémarré ou s’est arrêté.</translation>
    </message>
    <message>
        <source>PowerShell Direct to '{vm}'</source>
        <translation>PowerShell Direct vers « {vm} »</translation>
    </message>
</context>
<context>
    <name>readiness</name>
    <message>
        <source>{amount} GB</source>
        <translation>{amount} Go</translation>
    </message>
    <message>
        <source>other</source>
        <translation>dans un autre état</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en cours d'exécution</translation>
    </message>
    <message>
        <source>off</source>
        <translation>à l'arrêt</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>en cours d'arrêt</translation>
    </message>
    <message>
        <source>saved</source>
        <translation>dans un état enregistré</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pause</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>en cours de démarrage</translation>
    </message>
    <message>
        <source>reset</source>
        <translation>en cours de réinitialisation</translation>
    </message>
    <message>
        <source>saving</source>
        <translation>en cours d'enregistrement</translation>
    </message>
    <message>
        <source>pausing</source>
        <translation>en cours de mise en pause</translation>
    </message>
    <message>
        <source>resuming</source>
        <translation>en cours de reprise</translation>
    </message>
    <message>
        <source>fastsaved</source>
        <translation>dans un état enregistré rapide</translation>
    </message>
    <message>
        <source>fastsaving</source>
        <translation>en cours d'enregistrement rapide</translation>
    </message>
    <message>
        <source>'{name}' is in a saved state; its settings cannot change until the saved state is removed.</source>
        <translation>'{name}' est dans un état enregistré ; ses paramètres ne peuvent pas changer tant que l'état enregistré n'est pas supprimé.</translation>
    </message>
    <message>
        <source>Remove the saved state</source>
        <translation>Supprimer l'état enregistré</translation>
    </message>
    <message>
        <source>Removing the saved state discards the memory image: work not saved inside the guest is lost, as if the power had failed.</source>
        <translation>La suppression de l'état enregistré abandonne l'image mémoire : le travail non enregistré dans le système invité est perdu, comme lors d'une coupure de courant.</translation>
    </message>
    <message>
        <source>'{name}' is {state}; processor and memory settings change only while it is off.</source>
        <translation>'{name}' est {state} ; les paramètres de processeur et de mémoire ne peuvent changer que lorsque la machine virtuelle est arrêtée.</translation>
    </message>
    <message>
        <source>Shut the VM down</source>
        <translation>Arrêter la machine virtuelle</translation>
    </message>
    <message>
        <source>The guest operating system is asked to shut down: save your work inside it first. Programs that refuse to close can lose unsaved data.</source>
        <translation>Le système d'exploitation invité reçoit une demande d'arrêt : enregistrez d'abord votre travail dans celui-ci. Les programmes qui refusent de se fermer peuvent perdre des données non enregistrées.</translation>
    </message>
    <message>
        <source>'{name}' has configuration version {version}; nesting on {vendor} processors needs {wanted} or later.</source>
        <translation>'{name}' a la version de configuration {version} ; la virtualisation imbriquée sur les processeurs {vendor} nécessite la version {wanted} ou ultérieure.</translation>
    </message>
    <message>
        <source>This host upgrades VMs only to {version}, so it cannot run nested VMs on this processor.</source>
        <translation>Cet hôte ne met à niveau les machines virtuelles que vers la version {version} : il ne peut donc pas exécuter de machines virtuelles imbriquées sur ce processeur.</translation>
    </message>
    <message>
        <source>Upgrade the configuration version to {version}</source>
        <translation>Mettre à niveau la version de configuration vers {version}</translation>
    </message>
    <message>
        <source>the host default</source>
        <translation>la version par défaut de l'hôte</translation>
    </message>
    <message>
        <source>An upgraded VM cannot be downgraded, and it no longer starts on hosts that only support the old version.</source>
        <translation>Une machine virtuelle mise à niveau ne peut pas revenir à une version antérieure, et elle ne démarre plus sur les hôtes qui ne prennent en charge que l'ancienne version.</translation>
    </message>
    <message>
        <source>'{name}' does not expose the processor's virtualization extensions, so Hyper-V cannot run inside it.</source>
        <translation>'{name}' n'expose pas les extensions de virtualisation du processeur : Hyper-V ne peut donc pas s'exécuter à l'intérieur.</translation>
    </message>
    <message>
        <source>Expose virtualization extensions</source>
        <translation>Exposer les extensions de virtualisation</translation>
    </message>
    <message>
        <source>'{name}' uses dynamic memory; once Hyper-V runs inside it, its memory can no longer grow or shrink.</source>
        <translation>'{name}' utilise la mémoire dynamique ; une fois Hyper-V exécuté à l'intérieur, sa mémoire ne peut plus augmenter ni diminuer.</translation>
    </message>
    <message>
        <source>Turn dynamic memory off</source>
        <translation>Désactiver la mémoire dynamique</translation>
    </message>
    <message>
        <source>'{name}' starts with {memory} of memory; with less than 4 GB there is little room left for nested VMs.</source>
        <translation>'{name}' démarre avec {memory} de mémoire ; avec moins de 4 Go, il reste peu de place pour les machines virtuelles imbriquées.</translation>
    </message>
    <message>
        <source>Set the startup memory to 4 GB</source>
        <translation>Définir la mémoire de démarrage à 4 Go</translation>
    </message>
    <message>
        <source>'{name}' has one virtual processor; a Hyper-V host inside it needs at least two to be usable.</source>
        <translation>'{name}' n'a qu'un processeur virtuel ; un hôte Hyper-V à l'intérieur en nécessite au moins deux pour être utilisable.</translation>
    </message>
    <message>
        <source>Give it two virtual processors</source>
        <translation>Lui attribuer deux processeurs virtuels</translation>
    </message>
    <message>
        <source>'{name}' is a generation 1 VM: nesting works, but Secure Boot, a virtual TPM and Windows 11 need generation 2, and the generation of a VM cannot be changed.</source>
        <translation>'{name}' est une machine virtuelle de génération 1 : la virtualisation imbriquée fonctionne, mais le démarrage sécurisé, un TPM virtuel et Windows 11 nécessitent la génération 2, et la génération d'une machine virtuelle ne peut pas être modifiée.</translation>
    </message>
    <message>
        <source>MAC address spoofing is off on {adapters} of '{name}'; without it the nested VMs get no network through the bridged switch you chose.</source>
        <translation>L'usurpation d'adresse MAC est désactivée sur {adapters} de '{name}' ; sans elle, les machines virtuelles imbriquées n'obtiennent aucun réseau par le commutateur ponté que vous avez choisi.</translation>
    </message>
    <message>
        <source>Turn MAC address spoofing on for every adapter</source>
        <translation>Activer l'usurpation d'adresse MAC sur chaque carte réseau</translation>
    </message>
    <message>
        <source>'{name}' has no network adapter, so its nested VMs will have no network either.</source>
        <translation>'{name}' n'a aucune carte réseau : ses machines virtuelles imbriquées n'auront donc pas de réseau non plus.</translation>
    </message>
    <message>
        <source>one checkpoint</source>
        <translation>un point de contrôle</translation>
    </message>
    <message>
        <source>{count} checkpoints</source>
        <translation>{count} points de contrôle</translation>
    </message>
    <message>
        <source>'{name}' has {count}. Checkpoints work with nesting from configuration version 8.0 on, but applying one taken before nesting was enabled brings the old settings back.</source>
        <translation>'{name}' a {count}. Les points de contrôle fonctionnent avec la virtualisation imbriquée à partir de la version de configuration 8.0, mais appliquer un point de contrôle créé avant l'activation de l'imbrication rétablit les anciens paramètres.</translation>
    </message>
    <message>
        <source>Virtualization extensions are exposed.</source>
        <translation>Les extensions de virtualisation sont exposées.</translation>
    </message>
    <message>
        <source>Virtualization extensions are still off: Hyper-V cannot run inside the VM.</source>
        <translation>Les extensions de virtualisation sont toujours désactivées : Hyper-V ne peut pas s'exécuter dans la machine virtuelle.</translation>
    </message>
    <message>
        <source>Dynamic memory is off.</source>
        <translation>La mémoire dynamique est désactivée.</translation>
    </message>
    <message>
        <source>Dynamic memory is still on.</source>
        <translation>La mémoire dynamique est toujours activée.</translation>
    </message>
    <message>
        <source>Startup memory is {memory}.</source>
        <translation>La mémoire de démarrage est de {memory}.</translation>
    </message>
    <message>
        <source>Startup memory is still {memory}, not the 4 GB you chose.</source>
        <translation>La mémoire de démarrage est toujours de {memory}, et non des 4 Go que vous avez choisis.</translation>
    </message>
    <message>
        <source>MAC address spoofing is on for '{adapter}'.</source>
        <translation>L'usurpation d'adresse MAC est activée pour '{adapter}'.</translation>
    </message>
    <message>
        <source>MAC address spoofing is still off for '{adapter}'.</source>
        <translation>L'usurpation d'adresse MAC est toujours désactivée pour '{adapter}'.</translation>
    </message>
    <message>
        <source>Configuration version {version} supports nesting.</source>
        <translation>La version de configuration {version} prend en charge la virtualisation imbriquée.</translation>
    </message>
    <message>
        <source>Configuration version {version} is older than the {wanted} nesting needs.</source>
        <translation>La version de configuration {version} est antérieure à la version {wanted} que nécessite la virtualisation imbriquée.</translation>
    </message>
    <message>
        <source>'{name}' is {state}.</source>
        <translation>'{name}' est {state}.</translation>
    </message>
    <message>
        <source>Start it when you are ready; nothing started it again.</source>
        <translation>Démarrez-la quand vous le souhaitez ; rien ne l'a redémarrée.</translation>
    </message>
    <message>
        <source>Nesting is set up on '{name}': every setting read back is in place.</source>
        <translation>La virtualisation imbriquée est configurée sur '{name}' : chaque paramètre relu est en place.</translation>
    </message>
    <message>
        <source>Nesting is not fully set up on '{name}': {count} setting is not in place.</source>
        <translation>La virtualisation imbriquée n'est pas entièrement configurée sur '{name}' : {count} paramètre n'est pas en place.</translation>
    </message>
    <message>
        <source>Nesting is not fully set up on '{name}': {count} settings are not in place.</source>
        <translation>La virtualisation imbriquée n'est pas entièrement configurée sur '{name}' : {count} paramètres ne sont pas en place.</translation>
    </message>
</context>
<context>
    <name>remedies</name>
    <message>
        <source>NestWiz runs Install-WindowsFeature -Name Hyper-V -IncludeManagementTools, then offers to restart the computer. By hand: Server Manager → Add Roles and Features → Hyper-V.</source>
        <translation>NestWiz exécute Install-WindowsFeature -Name Hyper-V -IncludeManagementTools, puis propose de redémarrer l'ordinateur. Manuellement : Gestionnaire de serveur → Ajouter des rôles et des fonctionnalités → Hyper-V.</translation>
    </message>
    <message>
        <source>NestWiz runs Enable-WindowsOptionalFeature -Online -FeatureName Microsoft-Hyper-V-All -All -NoRestart, then offers to restart the computer. By hand: Settings → System → Optional features → More Windows features → Hyper-V.</source>
        <translation>NestWiz exécute Enable-WindowsOptionalFeature -Online -FeatureName Microsoft-Hyper-V-All -All -NoRestart, puis propose de redémarrer l'ordinateur. Manuellement : Paramètres → Système → Fonctionnalités facultatives → Plus de fonctionnalités Windows → Hyper-V.</translation>
    </message>
    <message>
        <source>Enable Hyper-V</source>
        <translation>Activer Hyper-V</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>Redémarrer maintenant</translation>
    </message>
    <message>
        <source>Windows finishes installing Hyper-V while it restarts. NestWiz restarts the computer (Restart-Computer) and continues where it stopped once the computer is back. Save open work first.</source>
        <translation>Windows termine l'installation d'Hyper-V pendant le redémarrage. NestWiz redémarre l'ordinateur (Restart-Computer) et reprend là où il s'était arrêté une fois l'ordinateur de nouveau disponible. Enregistrez d'abord votre travail en cours.</translation>
    </message>
    <message>
        <source>Restart NestWiz as administrator</source>
        <translation>Redémarrer NestWiz en tant qu'administrateur</translation>
    </message>
    <message>
        <source>Windows asks for administrator consent (UAC); NestWiz starts again with the same choices and continues on this page. Alternatively, an administrator can add your account to the Hyper-V Administrators group (SID S-1-5-32-578) and you sign out and in again.</source>
        <translation>Windows demande le consentement d'un administrateur (Contrôle de compte d'utilisateur) ; NestWiz redémarre avec les mêmes choix et reprend sur cette page. Un administrateur peut aussi ajouter votre compte au groupe Administrateurs Hyper-V (SID S-1-5-32-578) ; vous vous déconnectez puis vous reconnectez.</translation>
    </message>
    <message>
        <source>Upgrade to Windows Pro</source>
        <translation>Passer à Windows Professionnel</translation>
    </message>
    <message>
        <source>Windows Home cannot run Hyper-V. Upgrade to Windows 11 Pro, Enterprise or Education (Settings → System → Activation → Upgrade your edition of Windows), then run NestWiz again. Another computer, or a remote Hyper-V host, works too.</source>
        <translation>Windows Famille ne peut pas exécuter Hyper-V. Passez à Windows 11 Professionnel, Entreprise ou Éducation (Paramètres → Système → Activation → Mettre à niveau votre édition de Windows), puis exécutez de nouveau NestWiz. Un autre ordinateur ou un hôte Hyper-V distant convient également.</translation>
    </message>
    <message>
        <source>Nested virtualization on AMD processors needs Windows 11 (build 22000 or later) or Windows Server 2022 (build 20348 or later). Upgrade this computer, or use a host running one of those.</source>
        <translation>Sur les processeurs AMD, la virtualisation imbriquée nécessite Windows 11 (build 22000 ou ultérieur) ou Windows Server 2022 (build 20348 ou ultérieur). Mettez à niveau cet ordinateur ou utilisez un hôte qui exécute l'un de ces systèmes.</translation>
    </message>
    <message>
        <source>Nested virtualization needs Windows 10 version 1607 / Windows Server 2016 (build 14393) or later. Update Windows, then run NestWiz again.</source>
        <translation>La virtualisation imbriquée nécessite Windows 10 version 1607 / Windows Server 2016 (build 14393) ou une version ultérieure. Mettez à jour Windows, puis exécutez de nouveau NestWiz.</translation>
    </message>
    <message>
        <source>Upgrade Windows</source>
        <translation>Mettre à niveau Windows</translation>
    </message>
    <message>
        <source>Press F2 while the Dell logo shows. Open Virtualization Support (or Advanced → Processor Configuration) and turn on {tech}.</source>
        <translation>Appuyez sur F2 pendant l'affichage du logo Dell. Ouvrez Virtualization Support (ou Advanced → Processor Configuration) et activez {tech}.</translation>
    </message>
    <message>
        <source>Press Esc then F10 while the HP logo shows. Under Advanced → System Options (or System Configuration) turn on {tech}.</source>
        <translation>Appuyez sur Échap puis sur F10 pendant l'affichage du logo HP. Sous Advanced → System Options (ou System Configuration), activez {tech}.</translation>
    </message>
    <message>
        <source>Press F1 (ThinkPad, ThinkCentre) or F2 (IdeaPad, Legion) while the Lenovo logo shows; on some models press Enter first. Under Security → Virtualization (or Configuration) turn on {tech}.</source>
        <translation>Appuyez sur F1 (ThinkPad, ThinkCentre) ou F2 (IdeaPad, Legion) pendant l'affichage du logo Lenovo ; sur certains modèles, appuyez d'abord sur Entrée. Sous Security → Virtualization (ou Configuration), activez {tech}.</translation>
    </message>
    <message>
        <source>Press F2 or Del while the ASUS logo shows, press F7 for Advanced Mode, then Advanced → CPU Configuration: turn on {tech}.</source>
        <translation>Appuyez sur F2 ou Suppr pendant l'affichage du logo ASUS, appuyez sur F7 pour passer en Advanced Mode, puis sous Advanced → CPU Configuration, activez {tech}.</translation>
    </message>
    <message>
        <source>Press Del while the MSI logo shows. Under OC → CPU Features (or Advanced) turn on {tech}.</source>
        <translation>Appuyez sur Suppr pendant l'affichage du logo MSI. Sous OC → CPU Features (ou Advanced), activez {tech}.</translation>
    </message>
    <message>
        <source>Press Del while the GIGABYTE logo shows. Under Tweaker → Advanced CPU Settings turn on {tech}.</source>
        <translation>Appuyez sur Suppr pendant l'affichage du logo GIGABYTE. Sous Tweaker → Advanced CPU Settings, activez {tech}.</translation>
    </message>
    <message>
        <source>Press F2 while the Acer logo shows. Under Advanced (or Main) turn on {tech}.</source>
        <translation>Appuyez sur F2 pendant l'affichage du logo Acer. Sous Advanced (ou Main), activez {tech}.</translation>
    </message>
    <message>
        <source>Surface devices enable virtualization by default. Hold Volume-Up while pressing Power to open Surface UEFI and check Security / Devices for virtualization settings.</source>
        <translation>Les appareils Surface activent la virtualisation par défaut. Maintenez le bouton d'augmentation du volume enfoncé tout en appuyant sur le bouton d'alimentation pour ouvrir l'UEFI Surface, puis vérifiez les paramètres de virtualisation sous Security / Devices.</translation>
    </message>
    <message>
        <source>Press Del during POST. Under Advanced → CPU Configuration turn on {tech}.</source>
        <translation>Appuyez sur Suppr pendant le POST. Sous Advanced → CPU Configuration, activez {tech}.</translation>
    </message>
    <message>
        <source>Press F2 during POST. Under Advanced → CPU Configuration turn on {tech}.</source>
        <translation>Appuyez sur F2 pendant le POST. Sous Advanced → CPU Configuration, activez {tech}.</translation>
    </message>
    <message>
        <source>SVM Mode (AMD-V, sometimes 'AMD Virtualization')</source>
        <translation>SVM Mode (AMD-V, parfois appelé « AMD Virtualization »)</translation>
    </message>
    <message>
        <source>Intel Virtualization Technology (VT-x; also turn on VT-d if it is listed)</source>
        <translation>Intel Virtualization Technology (VT-x ; activez aussi VT-d s'il figure dans la liste)</translation>
    </message>
    <message>
        <source>Restart into the firmware setup: Settings → System → Recovery → Advanced startup → Restart now, then Troubleshoot → Advanced options → UEFI Firmware Settings.</source>
        <translation>Redémarrez dans la configuration du microprogramme : Paramètres → Système → Récupération → Démarrage avancé → Redémarrer maintenant, puis Dépannage → Options avancées → Changer les paramètres du microprogramme UEFI.</translation>
    </message>
    <message>
        <source>Open the firmware setup (BIOS/UEFI) and turn on {tech}.</source>
        <translation>Ouvrez la configuration du microprogramme (BIOS/UEFI) et activez {tech}.</translation>
    </message>
    <message>
        <source>Save and exit (usually F10). The names differ between models; {maker}'s manual has the exact menu.</source>
        <translation>Enregistrez et quittez (généralement F10). Les noms varient selon les modèles ; le manuel de {maker} indique le menu exact.</translation>
    </message>
    <message>
        <source>Save and exit (usually F10). The names differ between models; this computer's maker's manual has the exact menu.</source>
        <translation>Enregistrez et quittez (généralement F10). Les noms varient selon les modèles ; le manuel du fabricant de cet ordinateur indique le menu exact.</translation>
    </message>
    <message>
        <source>Turn on virtualization in the firmware</source>
        <translation>Activer la virtualisation dans le microprogramme</translation>
    </message>
    <message>
        <source>Use an Azure VM that can nest</source>
        <translation>Utiliser une VM Azure qui permet l'imbrication</translation>
    </message>
    <message>
        <source>This computer is an Azure virtual machine. Azure exposes virtualization extensions only to VM sizes that support nested virtualization (the size's page says so), and only with Security type 'Standard': Trusted Launch blocks Hyper-V inside. Resize the VM to such a size, or create a VM of such a size with Security type 'Standard'.</source>
        <translation>Cet ordinateur est une machine virtuelle Azure. Azure n'expose les extensions de virtualisation qu'aux tailles de VM qui prennent en charge la virtualisation imbriquée (la page de la taille l'indique), et seulement avec le type de sécurité « Standard » : le lancement fiable (Trusted Launch) empêche Hyper-V de fonctionner à l'intérieur. Redimensionnez la VM vers une telle taille, ou créez une VM de cette taille avec le type de sécurité « Standard ».</translation>
    </message>
    <message>
        <source>This computer is an Amazon EC2 instance of type {kind}, which supports nested virtualization once its CPU option is turned on: stop the instance, run 'aws ec2 modify-instance-cpu-options --instance-id &lt;id&gt; --nested-virtualization enabled', and start it again.</source>
        <translation>Cet ordinateur est une instance Amazon EC2 de type {kind}, qui prend en charge la virtualisation imbriquée une fois son option de processeur activée : arrêtez l'instance, exécutez 'aws ec2 modify-instance-cpu-options --instance-id &lt;id&gt; --nested-virtualization enabled', puis redémarrez-la.</translation>
    </message>
    <message>
        <source>This computer is an Amazon EC2 instance of type {kind}. EC2 offers nested virtualization only on the c8i, m8i and r8i instance types (and their flex variants), with the CPU option NestedVirtualization=enabled: move to one of those types, or run NestWiz on a physical computer.</source>
        <translation>Cet ordinateur est une instance Amazon EC2 de type {kind}. EC2 n'offre la virtualisation imbriquée que sur les types d'instance c8i, m8i et r8i (et leurs variantes flex), avec l'option de processeur NestedVirtualization=enabled : passez à l'un de ces types, ou exécutez NestWiz sur un ordinateur physique.</translation>
    </message>
    <message>
        <source>Use an EC2 instance that can nest</source>
        <translation>Utiliser une instance EC2 qui permet l'imbrication</translation>
    </message>
    <message>
        <source>Use another host</source>
        <translation>Utiliser un autre hôte</translation>
    </message>
    <message>
        <source>This computer is a Google Compute Engine VM. Compute Engine's nested virtualization supports only Linux KVM inside its VMs, not Hyper-V, so NestWiz cannot nest here. Run it on a physical computer or on a cloud VM that supports nested Hyper-V.</source>
        <translation>Cet ordinateur est une VM Google Compute Engine. La virtualisation imbriquée de Compute Engine ne prend en charge que Linux KVM dans ses VM, pas Hyper-V : NestWiz ne peut donc pas imbriquer ici. Exécutez-le sur un ordinateur physique ou sur une VM cloud qui prend en charge Hyper-V imbriqué.</translation>
    </message>
    <message>
        <source>virtual machine</source>
        <translation>machine virtuelle</translation>
    </message>
    <message>
        <source>Enable nesting on the outer hypervisor</source>
        <translation>Activer l'imbrication sur l'hyperviseur externe</translation>
    </message>
    <message>
        <source>This computer is itself a virtual machine ({model}). Its own hypervisor must expose virtualization extensions: on Hyper-V, with the VM off, Set-VMProcessor -VMName &lt;name&gt; -ExposeVirtualizationExtensions $true on the physical host; on Azure, a VM size that supports nesting with Security type 'Standard'; on VMware, 'Expose hardware assisted virtualization to the guest OS'.</source>
        <translation>Cet ordinateur est lui-même une machine virtuelle ({model}). Son propre hyperviseur doit exposer les extensions de virtualisation : sur Hyper-V, VM arrêtée, exécutez Set-VMProcessor -VMName &lt;name&gt; -ExposeVirtualizationExtensions $true sur l'hôte physique ; sur Azure, choisissez une taille de VM qui prend en charge l'imbrication, avec le type de sécurité « Standard » ; sur VMware, activez « Expose hardware assisted virtualization to the guest OS ».</translation>
    </message>
    <message>
        <source>Let the hypervisor start</source>
        <translation>Laisser l'hyperviseur démarrer</translation>
    </message>
    <message>
        <source>Hyper-V is installed but its hypervisor does not run. In an administrator prompt run 'bcdedit /set hypervisorlaunchtype auto', then restart. If it still does not start, check that virtualization is on in the firmware.</source>
        <translation>Hyper-V est installé, mais son hyperviseur ne s'exécute pas. Dans une invite de commandes administrateur, exécutez « bcdedit /set hypervisorlaunchtype auto », puis redémarrez. S'il ne démarre toujours pas, vérifiez que la virtualisation est activée dans le microprogramme.</translation>
    </message>
    <message>
        <source>Plan less memory</source>
        <translation>Prévoir moins de mémoire</translation>
    </message>
    <message>
        <source>Give the outer and inner VMs less memory, close applications or stop other VMs, or use a host with more memory.</source>
        <translation>Attribuez moins de mémoire aux VM externe et interne, fermez des applications ou arrêtez d'autres VM, ou utilisez un hôte disposant de plus de mémoire.</translation>
    </message>
    <message>
        <source>Free disk space</source>
        <translation>Libérer de l'espace disque</translation>
    </message>
    <message>
        <source>Free space on this volume, or choose a folder on another volume for the virtual hard disks.</source>
        <translation>Libérez de l'espace sur ce volume ou choisissez un dossier sur un autre volume pour les disques durs virtuels.</translation>
    </message>
    <message>
        <source>NestWiz could not read its saved state from {path}.</source>
        <translation>NestWiz n'a pas pu lire son état enregistré dans {path}.</translation>
    </message>
    <message>
        <source>The saved state in {path} is damaged.</source>
        <translation>L'état enregistré dans {path} est endommagé.</translation>
    </message>
    <message>
        <source>Only Windows can restart NestWiz as administrator.</source>
        <translation>Seul Windows peut redémarrer NestWiz en tant qu'administrateur.</translation>
    </message>
    <message>
        <source>Windows did not start NestWiz as administrator (the consent prompt was declined or failed).</source>
        <translation>Windows n'a pas démarré NestWiz en tant qu'administrateur (la demande de consentement a été refusée ou a échoué).</translation>
    </message>
    <message>
        <source>'{label}' is done by hand: {instructions}</source>
        <translation>« {label} » se fait manuellement : {instructions}</translation>
    </message>
    <message>
        <source>Hyper-V is enabled. Windows must restart to finish installing it.</source>
        <translation>Hyper-V est activé. Windows doit redémarrer pour terminer son installation.</translation>
    </message>
    <message>
        <source>Hyper-V is enabled.</source>
        <translation>Hyper-V est activé.</translation>
    </message>
    <message>
        <source>The computer has restarted.</source>
        <translation>L'ordinateur a redémarré.</translation>
    </message>
    <message>
        <source>NestWiz now runs as administrator on the simulated host.</source>
        <translation>NestWiz s'exécute désormais en tant qu'administrateur sur l'hôte simulé.</translation>
    </message>
    <message>
        <source>NestWiz continues in a new window, as administrator.</source>
        <translation>NestWiz continue dans une nouvelle fenêtre, en tant qu'administrateur.</translation>
    </message>
    <message>
        <source>On a remote host NestWiz runs with the account it connected with; connect with an account in the host's Administrators group.</source>
        <translation>Sur un hôte distant, NestWiz s'exécute avec le compte utilisé pour la connexion ; connectez-vous avec un compte membre du groupe Administrateurs de l'hôte.</translation>
    </message>
    <message>
        <source>NestWiz has no automatic way to '{label}'.</source>
        <translation>NestWiz ne dispose d'aucun moyen automatique pour « {label} ».</translation>
    </message>
</context>
<context>
    <name>rules</name>
    <message>
        <source>{size} GB</source>
        <translation>{size} Go</translation>
    </message>
    <message>
        <source>Windows version for this processor</source>
        <translation>Version de Windows pour ce processeur</translation>
    </message>
    <message>
        <source>NestWiz could not tell the Windows build or the processor maker: {why}.</source>
        <translation>NestWiz n'a pas pu déterminer le build de Windows ou le fabricant du processeur : {why}.</translation>
    </message>
    <message>
        <source>Intel processor on Windows build {build}: nested virtualization is supported (build 14393 or later, VM configuration version 8.0).</source>
        <translation>Processeur Intel sous Windows build {build} : la virtualisation imbriquée est prise en charge (build 14393 ou ultérieur, version de configuration de machine virtuelle 8.0).</translation>
    </message>
    <message>
        <source>Windows build {build} is too old for nested virtualization; Intel processors need Windows 10 1607 or Windows Server 2016 (build 14393) or later.</source>
        <translation>Le build {build} de Windows est trop ancien pour la virtualisation imbriquée ; les processeurs Intel nécessitent Windows 10 1607 ou Windows Server 2016 (build 14393) ou une version ultérieure.</translation>
    </message>
    <message>
        <source>AMD processor on Windows build {build}: nested virtualization is supported ({name} or later, VM configuration version 9.3).</source>
        <translation>Processeur AMD sous Windows build {build} : la virtualisation imbriquée est prise en charge ({name} ou version ultérieure, version de configuration de machine virtuelle 9.3).</translation>
    </message>
    <message>
        <source>On AMD processors nested virtualization needs {name} (build {needed} or later); this computer runs build {build}.</source>
        <translation>Sur les processeurs AMD, la virtualisation imbriquée nécessite {name} (build {needed} ou ultérieur) ; cet ordinateur exécute le build {build}.</translation>
    </message>
    <message>
        <source>Hyper-V nests only on Intel and AMD processors; this one is made by '{maker}'.</source>
        <translation>Hyper-V ne prend en charge l'imbrication que sur les processeurs Intel et AMD ; celui-ci est fabriqué par « {maker} ».</translation>
    </message>
    <message>
        <source>Windows edition</source>
        <translation>Édition de Windows</translation>
    </message>
    <message>
        <source>NestWiz could not tell the Windows edition: {why}.</source>
        <translation>NestWiz n'a pas pu déterminer l'édition de Windows : {why}.</translation>
    </message>
    <message>
        <source>This is a Home edition of Windows, which has no Hyper-V.</source>
        <translation>Il s'agit d'une édition Famille de Windows, qui ne comprend pas Hyper-V.</translation>
    </message>
    <message>
        <source>This edition of Windows includes Hyper-V.</source>
        <translation>Cette édition de Windows comprend Hyper-V.</translation>
    </message>
    <message>
        <source>Virtualization extensions (VT-x / AMD-V)</source>
        <translation>Extensions de virtualisation (VT-x / AMD-V)</translation>
    </message>
    <message>
        <source>A hypervisor already runs on this computer, which proves that {name} works and is enabled in the firmware (Windows then reports the processor flags as off; NestWiz does not read them).</source>
        <translation>Un hyperviseur s'exécute déjà sur cet ordinateur, ce qui prouve que {name} fonctionne et est activé dans le microprogramme (Windows indique alors les indicateurs du processeur comme désactivés ; NestWiz ne les lit pas).</translation>
    </message>
    <message>
        <source>NestWiz could not read the processor's virtualization flags: {why}.</source>
        <translation>NestWiz n'a pas pu lire les indicateurs de virtualisation du processeur : {why}.</translation>
    </message>
    <message>
        <source>This computer is a virtual machine and its hypervisor does not pass {name} through, so Hyper-V cannot run here.</source>
        <translation>Cet ordinateur est une machine virtuelle et son hyperviseur ne lui transmet pas {name} : Hyper-V ne peut donc pas s'exécuter ici.</translation>
    </message>
    <message>
        <source>The processor has no {name} (VM monitor mode extensions); Hyper-V cannot run on it.</source>
        <translation>Le processeur ne dispose pas de {name} (extensions du mode moniteur de machine virtuelle) ; Hyper-V ne peut pas s'exécuter dessus.</translation>
    </message>
    <message>
        <source>The processor supports {name}, but it is turned off in the firmware (BIOS/UEFI).</source>
        <translation>Le processeur prend en charge {name}, mais cette fonction est désactivée dans le microprogramme (BIOS/UEFI).</translation>
    </message>
    <message>
        <source>Data Execution Prevention (the NX / XD bit), which Hyper-V requires, is turned off in the firmware.</source>
        <translation>La prévention de l'exécution des données (bit NX / XD), requise par Hyper-V, est désactivée dans le microprogramme.</translation>
    </message>
    <message>
        <source>The processor supports {name} and the firmware enables it.</source>
        <translation>Le processeur prend en charge {name} et le microprogramme l'active.</translation>
    </message>
    <message>
        <source>Second level address translation (EPT / NPT)</source>
        <translation>Traduction d'adresses de second niveau (EPT / NPT)</translation>
    </message>
    <message>
        <source>A hypervisor already runs, which proves {name} works.</source>
        <translation>Un hyperviseur s'exécute déjà, ce qui prouve que {name} fonctionne.</translation>
    </message>
    <message>
        <source>NestWiz could not read whether the processor has {name}: {why}.</source>
        <translation>NestWiz n'a pas pu déterminer si le processeur dispose de {name} : {why}.</translation>
    </message>
    <message>
        <source>This virtual machine's hypervisor does not pass {name} through.</source>
        <translation>L'hyperviseur de cette machine virtuelle ne lui transmet pas {name}.</translation>
    </message>
    <message>
        <source>The processor has no {name}, which Hyper-V requires.</source>
        <translation>Le processeur ne dispose pas de {name}, requis par Hyper-V.</translation>
    </message>
    <message>
        <source>The processor has {name}.</source>
        <translation>Le processeur dispose de {name}.</translation>
    </message>
    <message>
        <source>Hyper-V feature</source>
        <translation>Fonctionnalité Hyper-V</translation>
    </message>
    <message>
        <source>Hyper-V cannot be installed on a Home edition.</source>
        <translation>Hyper-V ne peut pas être installé sur une édition Famille.</translation>
    </message>
    <message>
        <source>Windows tells whether Hyper-V is installed only to an administrator, and NestWiz does not run as one.</source>
        <translation>Windows n'indique qu'à un administrateur si Hyper-V est installé, et NestWiz ne s'exécute pas en tant qu'administrateur.</translation>
    </message>
    <message>
        <source>NestWiz could not tell whether Hyper-V is installed: {why}.</source>
        <translation>NestWiz n'a pas pu déterminer si Hyper-V est installé : {why}.</translation>
    </message>
    <message>
        <source>Hyper-V is installed.</source>
        <translation>Hyper-V est installé.</translation>
    </message>
    <message>
        <source>Hyper-V is installed but Windows must restart to finish.</source>
        <translation>Hyper-V est installé, mais Windows doit redémarrer pour terminer l'installation.</translation>
    </message>
    <message>
        <source>Hyper-V is not installed.</source>
        <translation>Hyper-V n'est pas installé.</translation>
    </message>
    <message>
        <source>Hyper-V is not installed. Installing it needs administrator rights.</source>
        <translation>Hyper-V n'est pas installé. Son installation nécessite des droits d'administrateur.</translation>
    </message>
    <message>
        <source>Hyper-V hypervisor running</source>
        <translation>Exécution de l'hyperviseur Hyper-V</translation>
    </message>
    <message>
        <source>NestWiz could not tell whether a hypervisor runs: {why}.</source>
        <translation>NestWiz n'a pas pu déterminer si un hyperviseur s'exécute : {why}.</translation>
    </message>
    <message>
        <source>The hypervisor starts once Hyper-V is installed and Windows has restarted.</source>
        <translation>L'hyperviseur démarrera une fois Hyper-V installé et Windows redémarré.</translation>
    </message>
    <message>
        <source>The Hyper-V hypervisor is running.</source>
        <translation>L'hyperviseur Hyper-V est en cours d'exécution.</translation>
    </message>
    <message>
        <source>No hypervisor runs yet; it starts once Hyper-V is installed and Windows has restarted.</source>
        <translation>Aucun hyperviseur ne s'exécute pour l'instant ; il démarrera une fois Hyper-V installé et Windows redémarré.</translation>
    </message>
    <message>
        <source>Hyper-V is installed but its hypervisor is not running.</source>
        <translation>Hyper-V est installé, mais son hyperviseur ne s'exécute pas.</translation>
    </message>
    <message>
        <source>Pending restart</source>
        <translation>Redémarrage en attente</translation>
    </message>
    <message>
        <source>NestWiz could not tell whether Windows waits for a restart: {why}.</source>
        <translation>NestWiz n'a pas pu déterminer si Windows attend un redémarrage : {why}.</translation>
    </message>
    <message>
        <source>Windows is waiting for a restart to finish installing updates or features; restart before creating VMs.</source>
        <translation>Windows attend un redémarrage pour terminer l'installation de mises à jour ou de fonctionnalités ; redémarrez avant de créer des VM.</translation>
    </message>
    <message>
        <source>No restart is pending.</source>
        <translation>Aucun redémarrage n'est en attente.</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Autorisations</translation>
    </message>
    <message>
        <source>NestWiz runs as administrator.</source>
        <translation>NestWiz s'exécute en tant qu'administrateur.</translation>
    </message>
    <message>
        <source>NestWiz could not tell whether it runs as administrator: {why}.</source>
        <translation>NestWiz n'a pas pu déterminer s'il s'exécute en tant qu'administrateur : {why}.</translation>
    </message>
    <message>
        <source>You are a member of Hyper-V Administrators, which is enough to create and configure VMs.</source>
        <translation>Vous êtes membre du groupe Administrateurs Hyper-V, ce qui suffit pour créer et configurer des VM.</translation>
    </message>
    <message>
        <source>You are a member of Hyper-V Administrators, but installing Hyper-V needs an administrator.</source>
        <translation>Vous êtes membre du groupe Administrateurs Hyper-V, mais l'installation d'Hyper-V nécessite un administrateur.</translation>
    </message>
    <message>
        <source>NestWiz does not run as administrator and you are not a member of Hyper-V Administrators, so it cannot manage Hyper-V.</source>
        <translation>NestWiz ne s'exécute pas en tant qu'administrateur et vous n'êtes pas membre du groupe Administrateurs Hyper-V : il ne peut donc pas gérer Hyper-V.</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Mémoire</translation>
    </message>
    <message>
        <source>NestWiz could not read how much memory this computer has: {why}.</source>
        <translation>NestWiz n'a pas pu lire la quantité de mémoire de cet ordinateur : {why}.</translation>
    </message>
    <message>
        <source>the plan needs {needed} (outer VM {outer} + inner VM {inner} + {reserve} for Windows)</source>
        <translation>le plan nécessite {needed} (VM externe {outer} + VM interne {inner} + {reserve} pour Windows)</translation>
    </message>
    <message>
        <source>This computer has {total} of memory; {plan}.</source>
        <translation>Cet ordinateur dispose de {total} de mémoire ; {plan}.</translation>
    </message>
    <message>
        <source>{free} of {total} is free now; the VMs need {needed}. Close applications or stop other VMs before starting them.</source>
        <translation>{free} sur {total} sont disponibles actuellement ; les VM nécessitent {needed}. Fermez des applications ou arrêtez d'autres VM avant de les démarrer.</translation>
    </message>
    <message>
        <source>{total} installed, {free} free; {plan}.</source>
        <translation>{total} installés, {free} disponibles ; {plan}.</translation>
    </message>
    <message>
        <source>Disk space for the virtual hard disks</source>
        <translation>Espace disque pour les disques durs virtuels</translation>
    </message>
    <message>
        <source>NestWiz could not read the disks' free space: {why}.</source>
        <translation>NestWiz n'a pas pu lire l'espace libre des disques : {why}.</translation>
    </message>
    <message>
        <source>NestWiz found no local disk for {folder}.</source>
        <translation>NestWiz n'a trouvé aucun disque local pour {folder}.</translation>
    </message>
    <message>
        <source>{drive} has {free} free for {folder}; the VMs need about {needed}.</source>
        <translation>{drive} dispose de {free} d'espace libre pour {folder} ; les VM nécessitent environ {needed}.</translation>
    </message>
    <message>
        <source>{drive} has {free} free; enough for the VMs (about {needed}) but little room for them to grow.</source>
        <translation>{drive} dispose de {free} d'espace libre : assez pour les VM (environ {needed}), mais peu de marge pour qu'elles grandissent.</translation>
    </message>
    <message>
        <source>{drive} has {free} free for {folder}.</source>
        <translation>{drive} dispose de {free} d'espace libre pour {folder}.</translation>
    </message>
    <message>
        <source>VM configuration versions</source>
        <translation>Versions de configuration de machine virtuelle</translation>
    </message>
    <message>
        <source>they are listed once Hyper-V is installed</source>
        <translation>elles sont indiquées une fois Hyper-V installé</translation>
    </message>
    <message>
        <source>NestWiz could not read the VM configuration versions this host supports: {why}.</source>
        <translation>NestWiz n'a pas pu lire les versions de configuration de machine virtuelle prises en charge par cet hôte : {why}.</translation>
    </message>
    <message>
        <source>This host supports VM configuration versions up to {best}; nesting needs {needed} or later.</source>
        <translation>Cet hôte prend en charge les versions de configuration de machine virtuelle jusqu'à {best} ; l'imbrication nécessite la version {needed} ou ultérieure.</translation>
    </message>
    <message>
        <source>This host supports VM configuration versions only up to {best}; nested virtualization on this processor needs {needed}.</source>
        <translation>Cet hôte ne prend en charge les versions de configuration de machine virtuelle que jusqu'à {best} ; la virtualisation imbriquée sur ce processeur nécessite la version {needed}.</translation>
    </message>
    <message>
        <source>Virtualization-based security and Memory Integrity</source>
        <translation>Sécurité basée sur la virtualisation et intégrité de la mémoire</translation>
    </message>
    <message>
        <source>NestWiz could not read the VBS status; it does not matter for Hyper-V nesting.</source>
        <translation>NestWiz n'a pas pu lire l'état de la sécurité basée sur la virtualisation ; cela n'a pas d'importance pour l'imbrication Hyper-V.</translation>
    </message>
    <message>
        <source>Memory Integrity (HVCI)</source>
        <translation>L'intégrité de la mémoire (HVCI)</translation>
    </message>
    <message>
        <source>Virtualization-based security</source>
        <translation>La sécurité basée sur la virtualisation</translation>
    </message>
    <message>
        <source>{what} is on. It does not block Hyper-V nested virtualization (VM configuration version 8.0 or later), but while it runs VMware Workstation and VirtualBox cannot offer nested virtualization to their VMs.</source>
        <translation>{what} est activée. Elle ne bloque pas la virtualisation imbriquée Hyper-V (version de configuration de machine virtuelle 8.0 ou ultérieure), mais tant qu'elle est active, VMware Workstation et VirtualBox ne peuvent pas proposer la virtualisation imbriquée à leurs VM.</translation>
    </message>
    <message>
        <source>Virtualization-based security is off; it would not block Hyper-V nesting either way.</source>
        <translation>La sécurité basée sur la virtualisation est désactivée ; de toute façon, elle ne bloquerait pas l'imbrication Hyper-V.</translation>
    </message>
    <message>
        <source>Physical or virtual machine</source>
        <translation>Ordinateur physique ou machine virtuelle</translation>
    </message>
    <message>
        <source>NestWiz could not read the system maker and model: {why}.</source>
        <translation>NestWiz n'a pas pu lire le fabricant et le modèle du système : {why}.</translation>
    </message>
    <message>
        <source>This computer is itself a virtual machine ({maker} {model}). Nesting works only where its own hypervisor exposes virtualization extensions to it, and the VMs inside will be slower.</source>
        <translation>Cet ordinateur est lui-même une machine virtuelle ({maker} {model}). L'imbrication ne fonctionne que si son propre hyperviseur lui expose les extensions de virtualisation, et les machines virtuelles qu'il contiendra seront plus lentes.</translation>
    </message>
    <message>
        <source>This is a physical computer.</source>
        <translation>Il s'agit d'un ordinateur physique.</translation>
    </message>
    <message>
        <source>Other virtualization software</source>
        <translation>Autres logiciels de virtualisation</translation>
    </message>
    <message>
        <source>NestWiz could not list the installed programs.</source>
        <translation>NestWiz n'a pas pu répertorier les programmes installés.</translation>
    </message>
    <message>
        <source>Neither VMware Workstation nor VirtualBox is installed.</source>
        <translation>Ni VMware Workstation ni VirtualBox n'est installé.</translation>
    </message>
    <message>
        <source>{names} is installed. It keeps working alongside Hyper-V (VMware Workstation 15.5.5 and later, VirtualBox 6 and later run on the Windows Hypervisor Platform), more slowly, and without nested virtualization for its own VMs.</source>
        <translation>Installé : {names}. Ce logiciel continue de fonctionner à côté d'Hyper-V (VMware Workstation 15.5.5 et versions ultérieures, VirtualBox 6 et versions ultérieures s'exécutent sur la plateforme d'hyperviseur Windows), plus lentement et sans virtualisation imbriquée pour ses propres VM.</translation>
    </message>
</context>
<context>
    <name>session</name>
    <message>
        <source>This computer</source>
        <translation>Cet ordinateur</translation>
    </message>
    <message>
        <source>Remote host {host}</source>
        <translation>Hôte distant {host}</translation>
    </message>
    <message>
        <source>Simulated host ({profile})</source>
        <translation>Hôte simulé ({profile})</translation>
    </message>
</context>
<context>
    <name>targets</name>
    <message>
        <source>The simulated installation could not start: {reason}</source>
        <translation>L'installation simulée n'a pas pu démarrer : {reason}</translation>
    </message>
</context>
<context>
    <name>validate</name>
    <message>
        <source>Give the VM a name.</source>
        <translation>Donnez un nom à la machine virtuelle.</translation>
    </message>
    <message>
        <source>Keep the VM's name to {count} characters or fewer.</source>
        <translation>Limitez le nom de la machine virtuelle à {count} caractères.</translation>
    </message>
    <message>
        <source>Hyper-V names the VM's folder after the VM, so the name cannot contain \ / : " &lt; &gt; | or control characters such as line breaks.</source>
        <translation>Hyper-V nomme le dossier de la machine virtuelle d'après celle-ci : le nom ne peut donc pas contenir \ / : " &lt; &gt; | ni de caractères de contrôle tels que des sauts de ligne.</translation>
    </message>
    <message>
        <source>Hyper-V's cmdlets read * ? [ ] in a VM name as wildcards, so NestWiz could not find the VM by this name afterwards. Choose a name without them.</source>
        <translation>Les applets de commande Hyper-V interprètent * ? [ ] dans un nom de machine virtuelle comme des caractères génériques : NestWiz ne pourrait plus retrouver la machine virtuelle par ce nom. Choisissez un nom sans ces caractères.</translation>
    </message>
    <message>
        <source>A VM's name cannot start or end with a space or end with a dot: Windows would not keep it as a folder name.</source>
        <translation>Le nom d'une machine virtuelle ne peut ni commencer ni se terminer par un espace, ni se terminer par un point : Windows ne le conserverait pas comme nom de dossier.</translation>
    </message>
    <message>
        <source>The VM's folder</source>
        <translation>Le dossier de la machine virtuelle</translation>
    </message>
    <message>
        <source>The virtual hard disk</source>
        <translation>Le disque dur virtuel</translation>
    </message>
    <message>
        <source>The installation ISO</source>
        <translation>L'image ISO d'installation</translation>
    </message>
    <message>
        <source>{what} needs a path.</source>
        <translation>{what} nécessite un chemin.</translation>
    </message>
    <message>
        <source>{what} needs a full path such as C:\VMs\…, not '{path}'.</source>
        <translation>{what} nécessite un chemin complet tel que C:\VMs\…, et non '{path}'.</translation>
    </message>
    <message>
        <source>A generation 2 VM boots from a .vhdx disk; end the path with .vhdx.</source>
        <translation>Une machine virtuelle de génération 2 démarre à partir d'un disque .vhdx ; terminez le chemin par .vhdx.</translation>
    </message>
    <message>
        <source>The installation medium should be an .iso file.</source>
        <translation>Le support d'installation devrait être un fichier .iso.</translation>
    </message>
    <message>
        <source>Hyper-V inside the VM needs at least {count} virtual processors.</source>
        <translation>Hyper-V dans la machine virtuelle nécessite au moins {count} processeurs virtuels.</translation>
    </message>
    <message>
        <source>Hyper-V inside the VM needs at least {memory} of memory.</source>
        <translation>Hyper-V dans la machine virtuelle nécessite au moins {memory} de mémoire.</translation>
    </message>
    <message>
        <source>Hyper-V needs the memory in multiples of 2 MB.</source>
        <translation>Hyper-V exige une quantité de mémoire multiple de 2 Mo.</translation>
    </message>
    <message>
        <source>A disk for Windows with Hyper-V needs at least 20 GB; 127 GB is usual.</source>
        <translation>Un disque pour Windows avec Hyper-V nécessite au moins 20 Go ; 127 Go est la taille habituelle.</translation>
    </message>
    <message>
        <source>Choose MicrosoftWindows (Windows guests) or MicrosoftUEFICertificateAuthority (Linux guests).</source>
        <translation>Choisissez MicrosoftWindows (systèmes invités Windows) ou MicrosoftUEFICertificateAuthority (systèmes invités Linux).</translation>
    </message>
    <message>
        <source>Choose MAC address spoofing or NAT for the nested VMs' network.</source>
        <translation>Choisissez l'usurpation d'adresse MAC ou NAT pour le réseau des machines virtuelles imbriquées.</translation>
    </message>
    <message>
        <source>Choose one of {types} for checkpoints.</source>
        <translation>Choisissez l'un des types {types} pour les points de contrôle.</translation>
    </message>
    <message>
        <source>A VM named '{name}' already exists on this host. Hyper-V would accept a second one, but every later step finds the VM by its name: choose another name.</source>
        <translation>Une machine virtuelle nommée '{name}' existe déjà sur cet hôte. Hyper-V en accepterait une deuxième, mais chaque étape suivante retrouve la machine virtuelle par son nom : choisissez un autre nom.</translation>
    </message>
    <message>
        <source>This host has {count} logical processors; a VM cannot have more virtual processors than that.</source>
        <translation>Cet hôte a {count} processeurs logiques ; une VM ne peut pas avoir plus de processeurs virtuels que cela.</translation>
    </message>
    <message>
        <source>This host has no virtual switch named '{switch}'.</source>
        <translation>Cet hôte n'a aucun commutateur virtuel nommé '{switch}'.</translation>
    </message>
    <message>
        <source>This host has no drive {drive} for '{path}'.</source>
        <translation>Cet hôte n'a pas de lecteur {drive} pour '{path}'.</translation>
    </message>
    <message>
        <source>'{path}' already exists. NestWiz never overwrites a disk: choose another path, or use the existing disk.</source>
        <translation>'{path}' existe déjà. NestWiz n'écrase jamais un disque : choisissez un autre chemin ou utilisez le disque existant.</translation>
    </message>
    <message>
        <source>The disk '{path}' cannot be read: {error}</source>
        <translation>Le disque '{path}' ne peut pas être lu : {error}</translation>
    </message>
    <message>
        <source>The disk '{path}' does not exist.</source>
        <translation>Le disque '{path}' n'existe pas.</translation>
    </message>
    <message>
        <source>'{path}' is a folder, not a disk.</source>
        <translation>'{path}' est un dossier, pas un disque.</translation>
    </message>
    <message>
        <source>The ISO '{path}' cannot be read: {error}</source>
        <translation>L'image ISO '{path}' ne peut pas être lue : {error}</translation>
    </message>
    <message>
        <source>The ISO '{path}' does not exist.</source>
        <translation>L'image ISO '{path}' n'existe pas.</translation>
    </message>
    <message>
        <source>'{path}' is a folder, not an ISO file.</source>
        <translation>'{path}' est un dossier, pas un fichier ISO.</translation>
    </message>
    <message>
        <source>'{path}' is a file, not a folder.</source>
        <translation>'{path}' est un fichier, pas un dossier.</translation>
    </message>
    <message>
        <source>{memory} is more than this host's memory ({total}).</source>
        <translation>{memory} dépasse la mémoire de cet hôte ({total}).</translation>
    </message>
    <message>
        <source>Only {free} GB of memory is free now; the VM will not start until enough is free.</source>
        <translation>Seuls {free} Go de mémoire sont libres actuellement ; la machine virtuelle ne démarrera pas tant qu'il n'y en aura pas assez.</translation>
    </message>
    <message>
        <source>{size} is more than the whole drive {drive} ({total} GB).</source>
        <translation>{size} dépasse la taille totale du lecteur {drive} ({total} Go).</translation>
    </message>
    <message>
        <source>The disk may grow to {size}, more than the {free} GB free on {drive}.</source>
        <translation>Le disque peut atteindre {size}, soit plus que les {free} Go libres sur {drive}.</translation>
    </message>
    <message>
        <source>This host does not support configuration version {version}; the highest it supports is {best}.</source>
        <translation>Cet hôte ne prend pas en charge la version de configuration {version} ; la plus élevée qu'il prend en charge est {best}.</translation>
    </message>
</context>
</TS>